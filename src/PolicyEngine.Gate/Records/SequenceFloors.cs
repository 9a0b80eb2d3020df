using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// Reads what the sequential rollback thresholds counted at earlier decisions on the same canary — the same model,
/// version, policy fingerprint and canary start, judged before this one — so a gate or serve call that a pipeline
/// makes again and again refuses counts that fell since (docs/canary.md, "Anytime-valid judges"). A watch checks its
/// own series too.
/// </summary>
public static class SequenceFloors
{
    /// <summary>
    /// The floors — per sequential threshold and slice, the most samples any earlier decision on the canary counted —
    /// and the records that hold them (none when no earlier decision on the canary is stored).
    /// </summary>
    /// <param name="store">Where the records are.</param>
    /// <param name="pack">The pack judging: only its sequential thresholds have floors, and only its own earlier decisions count.</param>
    /// <param name="release">The release judged.</param>
    /// <param name="canaryStart">When the canary began: the decisions on this canary are those that counted from it.</param>
    /// <param name="judgedAt">The time this decision judges as of; only decisions judged before it count.</param>
    /// <exception cref="InputException">A record in the store cannot be read.</exception>
    /// <exception cref="IOException">The store cannot be read.</exception>
    public static (IReadOnlyList<SequenceFloor> Floors, IReadOnlyList<InputFile> Files) Load(DecisionStore store, PolicyPack pack, ReleaseIdentity release, DateTimeOffset canaryStart, DateTimeOffset judgedAt)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(release);
        var sequential = pack.Guardrails.Where(g => g.Spec is Specs.RollbackThresholdSpec { Sequential: not null }).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        if (sequential.Count == 0)
        {
            return ([], []);
        }

        var highest = new Dictionary<(string, string), (SequenceFloor Floor, InputFile File)>();

        // Every earlier decision on the canary, not only the last: after a fall (900, then 840, an error) the floor is
        // still 900. Newest first, and none decided before the canary began can be about it (a start after the time
        // judged is refused), so the walk ends there.
        foreach (var stored in store.Newest(release.Model))
        {
            var record = DecisionHistory.Read(stored);
            if (record.DecidedAt < canaryStart)
            {
                break;
            }

            if (record.CanaryStart != canaryStart || record.Release is not { } earlier || earlier.Model != release.Model || earlier.Version != release.Version
                || record.Policy.Fingerprint != pack.Fingerprint || (record.AsOf ?? record.DecidedAt) >= judgedAt)
            {
                continue;
            }

            InputFile? file = null;
            foreach (var finding in record.Findings.Where(f => sequential.Contains(f.GuardrailId) && f.SampleCount is > 0))
            {
                var key = (finding.GuardrailId, finding.Slice);
                if (!highest.TryGetValue(key, out var held) || finding.SampleCount > held.Floor.Samples)
                {
                    file ??= new InputFile("decision-record", stored.Where, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored.Bytes)), record.Findings.Count);
                    highest[key] = (new SequenceFloor(finding.GuardrailId, finding.Slice, finding.SampleCount!.Value, record.DecisionId), file);
                }
            }
        }

        return ([.. highest.Values.Select(h => h.Floor)], [.. highest.Values.Select(h => h.File).Distinct()]);
    }
}
