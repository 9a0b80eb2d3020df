using System.CommandLine;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Packs;
using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine diff</c>: what a change to a guardrail pack relaxes or tightens, for code review.</summary>
public sealed class DiffCommand
{
    private readonly Option<FileInfo> _before = new("--before") { Description = "The pack's build before the change (.dll).", Required = true };
    private readonly Option<FileInfo> _after = new("--after") { Description = "The pack's build after the change (.dll).", Required = true };
    private readonly Option<string> _format = new("--format") { Description = "markdown (a PR comment) or json.", DefaultValueFactory = _ => "markdown" };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write to this file instead of the console." };
    private readonly Option<string?> _records = new("--records") { Description = "Judge the decisions recorded here (a record directory, or a postgresql:// store) again under the pack after, from their own inputs, and list those whose verdict would change." };
    private readonly ErrorWriter _error;

    /// <summary>Creates the command.</summary>
    public DiffCommand(ErrorWriter error)
    {
        _error = error;
        _format.AcceptOnlyFromAmong("markdown", "json");
        Command = new Command("diff", "Compare two builds of a guardrail pack: guardrails added and removed, thresholds relaxed or tightened, severity, stages, missing-data rule, custom rule bodies. Exit 0 when nothing is relaxed, 1 when something is.")
        {
            _before, _after, _format, _output, _records,
        };
        Command.SetAction(Run);
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private int Run(ParseResult parse)
    {
        try
        {
            var before = PolicyPackLoader.Load(parse.GetValue(_before)!.FullName);
            var after = PolicyPackLoader.Load(parse.GetValue(_after)!.FullName);
            var diff = PackDiff.Of(before, after);
            var backTest = parse.GetValue(_records) is { } records ? BackTestOn(after, records) : null;
            var text = parse.GetValue(_format) == "json" ? PackDiffWriter.Write(diff, backTest) : PackDiffWriter.Markdown(diff, after, backTest);
            if (parse.GetValue(_output) is { } output)
            {
                File.WriteAllText(output.FullName, text);
            }
            else
            {
                parse.InvocationConfiguration.Output.Write(text);
            }

            return diff.Relaxes ? 1 : ExitCodes.Ok;
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            _error.Writer.WriteLine($"policyengine diff: error: {e.Message}");
            return ExitCodes.Error;
        }
    }

    private static IReadOnlyList<BackTestedDecision> BackTestOn(PolicyPack after, string records)
    {
        using var store = DecisionStore.Open(records);
        return !store.Exists()
            ? throw new InputException(store.Location, "", "does not exist; expected a record directory, or a postgresql:// store that holds decision records")
            : BackTest.Run(after, store);
    }
}
