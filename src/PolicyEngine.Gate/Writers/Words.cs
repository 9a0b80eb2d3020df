using System.Globalization;
using System.Text.Json;

namespace PolicyEngine.Gate.Writers;

/// <summary>How enum values and figures are spelled in every output: the kebab-case of the JSON record, invariant numbers.</summary>
public static class Words
{
    /// <summary>The enum value as the JSON record spells it, e.g. <c>rollback-threshold</c>.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The stage, or <c>unknown</c>.</summary>
    public static string Of(Stages? stage) => stage is { } s && s != Stages.None ? Of(s) : "unknown";

    /// <summary>The first 12 hex digits of a <c>sha256:</c> fingerprint: enough to tell policy versions apart at a glance.</summary>
    public static string Short(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var hex = fingerprint.StartsWith("sha256:", StringComparison.Ordinal) ? fingerprint["sha256:".Length..] : fingerprint;
        return hex[..Math.Min(12, hex.Length)];
    }

    /// <summary>A figure with at most four decimals, or empty.</summary>
    public static string Number(double? value) => value switch
    {
        null => "",
        { } v when double.IsPositiveInfinity(v) => "∞",
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
