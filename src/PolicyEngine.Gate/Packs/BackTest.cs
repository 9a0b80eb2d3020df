using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Rollouts;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Packs;

/// <summary>A past decision judged again under another pack.</summary>
/// <param name="DecisionId">The past decision.</param>
/// <param name="Release">Its model and version.</param>
/// <param name="DecidedAt">When it was decided.</param>
/// <param name="Was">Its verdict then.</param>
/// <param name="Would">The verdict the pack gives on the same inputs, or null when it could not be judged again.</param>
/// <param name="Detail">Why the verdict changes, or why it could not be judged again.</param>
public sealed record BackTestedDecision(Guid DecisionId, string Release, DateTimeOffset DecidedAt, Verdict Was, Verdict? Would, string Detail)
{
    /// <summary>Whether the verdict would change.</summary>
    public bool Changes => Would is { } would && would != Was;
}

/// <summary>
/// Judges past decisions again under a pack (docs/cli.md, "diff"): each record's own inputs — read again from the
/// files it names, only where they still hash to what the record holds — judged as of the record's decision time.
/// Telemetry that came from a query is taken from the record's stored figures. A decision whose inputs are gone or
/// changed is reported as not judged again, never guessed.
/// </summary>
public static class BackTest
{
    /// <summary>Every decision record in <paramref name="store"/>, judged again under <paramref name="pack"/>, oldest first.</summary>
    /// <exception cref="IOException">The store cannot be read.</exception>
    public static IReadOnlyList<BackTestedDecision> Run(PolicyPack pack, DecisionStore store)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(store);
        var results = new List<BackTestedDecision>();
        foreach (var stored in store.All())
        {
            DecisionRecord record;
            try
            {
                record = stored.Read();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
            {
                // Not a record (records verify names it): nothing to judge again.
                continue;
            }

            if (record.Release is not { } release || record.Stage is not { } stage || record.Verdict == Verdict.Error)
            {
                // A run that decided nothing has nothing to judge again.
                continue;
            }

            var name = $"{release.Model} {release.Version}";
            if (Unavailable(record, pack) is { } why)
            {
                results.Add(new BackTestedDecision(record.DecisionId, name, record.DecidedAt, record.Verdict, null, why));
                continue;
            }

            var file = record.Inputs.FirstOrDefault(i => i.Kind == "prometheus");
            var request = new GateRequest
            {
                Pack = pack,
                RolloutPath = Input(record, "rollout"),
                TelemetryPath = Input(record, "telemetry"),
                TelemetrySource = file is null ? null : (_, _, _, _, _) => new TelemetryFacts(record.Telemetry, file),
                EvaluationReportPath = Input(record, "evaluation-report"),
                EvidencePath = Input(record, "evidence"),
                TrustPath = Input(record, "trust"),
                ProbePath = Input(record, "probe"),
                WaiversPath = Input(record, "waivers"),
                History = store,
                Rollout = new RolloutDocument
                {
                    Model = release.Model,
                    Version = release.Version,
                    Lever = Writers.Words.Of(release.Lever),
                    Stage = Writers.Words.Of(stage),
                    AsOf = record.AsOf ?? record.DecidedAt,
                },
                Run = record.Run,
            };
            var again = GateRun.Run(request, new At(record.DecidedAt)).Record;
            var detail = again.Verdict == record.Verdict ? "unchanged" : again.Reason;
            results.Add(new BackTestedDecision(record.DecisionId, name, record.DecidedAt, record.Verdict, again.Verdict, detail));
        }

        return [.. results.OrderBy(r => r.DecidedAt).ThenBy(r => r.DecisionId)];
    }

    /// <summary>Why the record's inputs cannot be had again, or null.</summary>
    private static string? Unavailable(DecisionRecord record, PolicyPack pack)
    {
        foreach (var input in record.Inputs)
        {
            // Queried telemetry is kept in the record; earlier decisions are read from the directory as they are now.
            if (input.Kind is "prometheus" or "decision-record")
            {
                continue;
            }

            if (!File.Exists(input.Path))
            {
                return $"its {input.Kind} input {input.Path} is gone";
            }

            if (InputFile.Hash(input.Path) != input.Sha256)
            {
                return $"its {input.Kind} input {input.Path} has changed since";
            }
        }

        return record.Inputs.Any(i => i.Kind == "prometheus") && pack.SampledMetrics.Count > 0
            ? "its telemetry came from a query, and the record keeps figures, not the samples this pack ranks"
            : null;
    }

    private static string? Input(DecisionRecord record, string kind) => record.Inputs.FirstOrDefault(i => i.Kind == kind)?.Path;

    /// <summary>A clock stopped at the past decision's time.</summary>
    private sealed class At(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
