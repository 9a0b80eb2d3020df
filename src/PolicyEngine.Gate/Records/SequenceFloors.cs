using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// Reads what the sequential rollback thresholds counted at the last earlier decision on the same canary — the same
/// model, version, policy fingerprint and canary start, judged before this one — so a gate or serve call that a
/// pipeline makes again and again refuses counts that fell since (docs/canary.md, "Anytime-valid judges"). A watch
/// checks its own series too.
/// </summary>
public static class SequenceFloors
{
    /// <summary>The floors, and the record they came from (none when no earlier decision on the canary is stored).</summary>
    /// <param name="store">Where the records are.</param>
    /// <param name="pack">The pack judging: only its sequential thresholds have floors, and only its own earlier decisions count.</param>
    /// <param name="release">The release judged.</param>
    /// <param name="canaryStart">When the canary began: the decisions on this canary are those that counted from it.</param>
    /// <param name="judgedAt">The time this decision judges as of; only decisions judged before it count.</param>
    /// <exception cref="InputException">A record in the store cannot be read.</exception>
    /// <exception cref="IOException">The store cannot be read.</exception>
    public static (IReadOnlyList<SequenceFloor> Floors, InputFile? File) Load(DecisionStore store, PolicyPack pack, ReleaseIdentity release, DateTimeOffset canaryStart, DateTimeOffset judgedAt)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(release);
        var sequential = pack.Guardrails.Where(g => g.Spec is Specs.RollbackThresholdSpec { Sequential: not null }).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        if (sequential.Count == 0)
        {
            return ([], null);
        }

        // Newest first: the last decision on this canary holds the highest counts it has seen.
        foreach (var stored in store.Newest(release.Model))
        {
            var record = DecisionHistory.Read(stored);
            if (record.CanaryStart != canaryStart || record.Release is not { } earlier || earlier.Model != release.Model || earlier.Version != release.Version
                || record.Policy.Fingerprint != pack.Fingerprint || (record.AsOf ?? record.DecidedAt) >= judgedAt)
            {
                continue;
            }

            var floors = record.Findings
                .Where(f => sequential.Contains(f.GuardrailId) && f.SampleCount is > 0)
                .Select(f => new SequenceFloor(f.GuardrailId, f.Slice, f.SampleCount!.Value, record.DecisionId))
                .ToList();
            return (floors, new InputFile("decision-record", stored.Where, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored.Bytes)), floors.Count));
        }

        return ([], null);
    }
}
