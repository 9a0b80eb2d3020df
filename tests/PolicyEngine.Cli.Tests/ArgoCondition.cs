using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// Argo Rollouts' reading of a measurement (utils/evaluate/evaluate.go), for the conditions our examples use:
/// comparisons <c>result.field == literal</c> (or <c>!=</c>) joined by <c>&amp;&amp;</c>. A condition outside that
/// subset fails the test, rather than being judged by a guess.
/// </summary>
internal static partial class ArgoCondition
{
    /// <summary>The phase Argo gives a measurement with only a success condition: Successful when it holds, else Failed.</summary>
    public static string Evaluate(string successCondition, JsonNode result) =>
        successCondition.Split("&&").All(part => Holds(part.Trim(), result)) ? "Successful" : "Failed";

    private static bool Holds(string comparison, JsonNode result)
    {
        var match = ComparisonPattern().Match(comparison);
        if (!match.Success)
        {
            throw new InvalidOperationException($"'{comparison}' is outside the conditions this test can evaluate (result.field == literal)");
        }

        var value = result[match.Groups["field"].Value];
        var literal = match.Groups["literal"].Value;
        var equal = literal switch
        {
            "true" or "false" => value?.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False && value.GetValue<bool>() == (literal == "true"),
            _ when literal.StartsWith('"') => value?.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() == literal.Trim('"'),
            _ => value?.GetValueKind() == System.Text.Json.JsonValueKind.Number && value.GetValue<double>() == double.Parse(literal, CultureInfo.InvariantCulture),
        };
        return match.Groups["op"].Value == "==" ? equal : !equal;
    }

    [GeneratedRegex("""^result\.(?<field>[A-Za-z][A-Za-z0-9]*)\s*(?<op>==|!=)\s*(?<literal>true|false|-?[0-9]+(\.[0-9]+)?|"[^"]*")$""")]
    private static partial Regex ComparisonPattern();
}
