using System.Text.Json;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// Reads the passed decisions on earlier versions of a model from a directory of decision records, newest
/// first: the history a rollback threshold with <see cref="RollbackThresholdAttribute.HistoryCount"/> compares
/// with. Passed means the gate let the release out (exit 0: pass or warn). Counting warn as well is what lets a
/// new model build a history at all: its first releases are inconclusive on a history guardrail, which a
/// warning-severity guardrail turns into warn, not pass.
/// </summary>
public static class DecisionHistory
{
    /// <summary>The last <paramref name="depth"/> passed decisions on <paramref name="model"/> at versions other than <paramref name="version"/>.</summary>
    /// <param name="store">Where the records are; an empty store holds no history.</param>
    /// <param name="model">The model.</param>
    /// <param name="version">The version being judged: its own earlier measurements are no history.</param>
    /// <param name="depth">How many to return at most.</param>
    /// <param name="before">Only decisions made before this time count.</param>
    /// <exception cref="InputException">A record in the store cannot be read: the history would silently change.</exception>
    /// <exception cref="IOException">The store cannot be read.</exception>
    public static (IReadOnlyList<PastDecision> Decisions, IReadOnlyList<InputFile> Files) Load(DecisionStore store, string model, string version, int depth, DateTimeOffset before)
    {
        ArgumentNullException.ThrowIfNull(store);
        var decisions = new List<PastDecision>();
        var files = new List<InputFile>();
        if (depth <= 0)
        {
            return (decisions, files);
        }

        // Newest first, so the walk stops as soon as it has enough.
        foreach (var stored in store.Newest(model))
        {
            var record = Read(stored);
            if (record.Verdict is not (Verdict.Pass or Verdict.Warn) || record.Release is not { } release || release.Model != model || release.Version == version
                || record.DecidedAt >= before || record.Telemetry.Count == 0)
            {
                continue;
            }

            decisions.Add(new PastDecision(record.DecisionId, record.DecidedAt, release.Version, record.Telemetry));
            files.Add(new InputFile("decision-record", stored.Where, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored.Bytes)), record.Telemetry.Count));
            if (decisions.Count == depth)
            {
                break;
            }
        }

        return (decisions, files);
    }

    /// <summary>The stored record, or the input error that names it: a record that cannot be read would silently change what is compared.</summary>
    internal static DecisionRecord Read(StoredRecord stored)
    {
        try
        {
            return stored.Read();
        }
        catch (JsonException e)
        {
            throw new InputException(stored.Where, e.Path is { Length: > 1 } field ? $"field '{field[2..]}'" : "",
                $"is not a decision record ({e.Message.Split('.', 2)[0]}); move it out of the record store or repair it, since history and a canary's earlier counts are read from the records there", e);
        }
    }
}
