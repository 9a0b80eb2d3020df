using PolicyEngine.Gate.Records;
using Spectre.Console;

namespace PolicyEngine.Cli;

/// <summary>A gate or watch whose --policy cannot be loaded still leaves a decision record, verdict error (docs/cli.md).</summary>
internal static class PolicyNotLoaded
{
    /// <summary>Stores the record, says so, and returns the exit code: 4.</summary>
    public static int Record(IAnsiConsole console, TextWriter error, string verb, string policy, string problem, DecisionStore store, TimeProvider clock)
    {
        try
        {
            var (_, path) = store.Append(ErrorRecord.PolicyNotLoaded(policy, problem, clock.GetUtcNow()), clock);
            console.MarkupLine($"[red bold]ERROR[/] no decision: the policy could not be loaded (exit 4); recorded in {TextReport.Show(path)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"policyengine {verb}: error: the decision record could not be stored either: {e.Message}");
        }

        return ExitCodes.Error;
    }
}
