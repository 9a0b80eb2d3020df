using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Cli.Serve;

/// <summary>
/// A decision in brief, as controllers read it (docs/serve.md): flat fields an Argo Rollouts <c>successCondition</c>
/// can test (<c>result.pass == true</c>), and the body of Flagger's webhook answers. Argo counts any 2xx JSON answer
/// as a measurement, so its endpoint answers every decision 200 — an error verdict has <c>pass: false</c> — and only a
/// refused request otherwise.
/// </summary>
/// <param name="DecisionId">The decision, readable at <paramref name="Record"/>.</param>
/// <param name="Verdict">pass, warn, block, rollback, hold or error.</param>
/// <param name="Pass">Whether the release may go on: exit code 0.</param>
/// <param name="ExitCode">The exit code the CLI would give.</param>
/// <param name="Score">The lowest policy score (0–100), or null when the pack keeps no scorecard.</param>
/// <param name="Reason">Why, in one sentence.</param>
/// <param name="Stage">The stage judged.</param>
/// <param name="Model">The candidate model.</param>
/// <param name="Version">The candidate version.</param>
/// <param name="Record">Where the decision record is served.</param>
internal sealed record GateAnswer(Guid DecisionId, string Verdict, bool Pass, int ExitCode, double? Score, string Reason, string Stage, string? Model, string? Version, string Record)
{
    public static GateAnswer Of(DecisionRecord record) => new(
        record.DecisionId,
        Words.Of(record.Verdict),
        record.ExitCode == 0,
        record.ExitCode,
        record.Scores.Where(s => s.Value is not null).Select(s => s.Value).Min(),
        record.Reason,
        Words.Of(record.Stage),
        record.Release?.Model,
        record.Release?.Version,
        $"/v1/records/{record.DecisionId}");
}
