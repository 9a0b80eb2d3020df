using System.Globalization;
using System.Text.Json;
using PolicyEngine.Gate.Inputs.EvidenceFiles;

namespace PolicyEngine.Gate.Records;

/// <summary>What verifying a decision log found: problems (it was tampered with) and notes (nothing wrong, worth knowing).</summary>
/// <param name="Records">Chained records read.</param>
/// <param name="Checkpoints">Checkpoints whose signature and hash were checked.</param>
/// <param name="Problems">Each a file and what is wrong with it; none means the log is intact.</param>
/// <param name="Notes">Runs that died before deciding, an append interrupted before its head was written.</param>
public sealed record LogVerification(int Records, int Checkpoints, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>Whether nothing was found wrong.</summary>
    public bool Intact => Problems.Count == 0;

    /// <summary>Verifies the log a store keeps; with <paramref name="trusted"/>, its checkpoints too.</summary>
    /// <param name="store">The store.</param>
    /// <param name="trusted">The keys that sign checkpoints; without them, checkpoints are a problem (they cannot be checked).</param>
    /// <param name="chainOnly">Verify the records and the head, not the checkpoints (a copy carries them over as signed).</param>
    /// <exception cref="IOException">The store cannot be read.</exception>
    public static LogVerification Of(DecisionStore store, IReadOnlyDictionary<string, TrustedKey>? trusted = null, bool chainOnly = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        var problems = new List<string>();
        var notes = new List<string>();
        var chained = new List<(ChainLink Link, string File, string Hash)>();
        foreach (var stored in store.All().OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var name = stored.Name;
            DecisionRecord record;
            try
            {
                record = stored.Read();
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
            {
                problems.Add($"{name}: is not a decision record ({e.Message}); it was edited, or put there");
                continue;
            }

            if (stored.IndexedId is { } id && id != record.DecisionId || stored.IndexedSequence is { } sequence && sequence != record.Chain?.Sequence)
            {
                problems.Add($"{name}: the store files it as decision {stored.IndexedId} at sequence {stored.IndexedSequence}, but it says decision {record.DecisionId} at sequence {record.Chain?.Sequence}: the store was edited");
            }

            // History and listings find records by name (the time and model it carries) and by a database's model
            // column: a record filed under another name or model would silently drop out of them.
            var named = Path.GetFileName(DecisionRecordJson.PathOf(record, ""));
            if (!string.Equals(stored.Name, named, StringComparison.Ordinal))
            {
                problems.Add($"{name}: is filed under another name than its content gives ({named}): it was renamed, so history and listings would misfile it");
            }

            if (stored.IndexesModel && !string.Equals(stored.IndexedModel, record.Release?.Model, StringComparison.Ordinal))
            {
                problems.Add($"{name}: the store files it under model '{stored.IndexedModel}', but it is about '{record.Release?.Model}': the store was edited, so history would miss it");
            }

            if (record.Chain is { } link && !stored.Pending)
            {
                chained.Add((link, name, stored.Hash));
            }
            else if (record.Reason == ErrorRecord.PendingReason && record.Chain is null)
            {
                notes.Add($"{name}: a gate started but never decided (its process died); such a record is not chained");
            }
            else
            {
                problems.Add($"{name}: is not in the log (no chain link): it was put there, or written by a PolicyEngine older than the log");
            }
        }

        chained.Sort((a, b) => a.Link.Sequence.CompareTo(b.Link.Sequence));
        for (var i = 0; i < chained.Count; i++)
        {
            var (link, file, _) = chained[i];
            var expected = i + 1L;
            if (i > 0 && link.Sequence == chained[i - 1].Link.Sequence)
            {
                problems.Add($"{file}: claims sequence {link.Sequence}, as {chained[i - 1].File} does: a record was inserted");
                continue;
            }

            if (link.Sequence != expected && (i == 0 || link.Sequence != chained[i - 1].Link.Sequence + 1))
            {
                var from = i == 0 ? 1 : chained[i - 1].Link.Sequence + 1;
                problems.Add($"{file}: is sequence {link.Sequence}, but no record holds {Range(from, link.Sequence - 1)}: deleted");
            }

            if (i == 0 && link.Sequence == 1 && link.Previous is not null)
            {
                problems.Add($"{file}: is the first record but names a previous one ({link.Previous}): records before it were deleted");
            }

            if (i > 0 && link.Sequence == chained[i - 1].Link.Sequence + 1)
            {
                var before = chained[i - 1];
                if (link.Previous != before.Hash)
                {
                    problems.Add($"{before.File} (sequence {before.Link.Sequence}): does not hash to what the next record, {file}, names: it was edited after it was appended, or replaced");
                }

                if (link.AppendedAt < before.Link.AppendedAt)
                {
                    problems.Add($"{file} (sequence {link.Sequence}): appended at {link.AppendedAt:O}, before the record ahead of it ({before.Link.AppendedAt:O}): the log was reordered");
                }
            }
        }

        Head(store, chained, problems, notes);
        var checkpoints = chainOnly ? 0 : CheckCheckpoints(store, chained, trusted, problems);
        return new LogVerification(chained.Count, checkpoints, problems, notes);
    }

    private static void Head(DecisionStore store, List<(ChainLink Link, string File, string Hash)> chained, List<string> problems, List<string> notes)
    {
        LogHead? head;
        var headName = store.HeadName;
        try
        {
            head = store.Head();
        }
        catch (IOException e) when (store is DirectoryStore)
        {
            problems.Add($"{headName}: {e.Message}");
            return;
        }

        var last = chained.Count > 0 ? chained[^1] : default;
        if (head is null)
        {
            if (chained.Count > 0)
            {
                problems.Add($"{headName}: is missing, while {chained.Count} records are chained: it was deleted");
            }

            return;
        }

        if (chained.Count > 0 && head.Sequence == last.Link.Sequence)
        {
            if (head.Sha256 != last.Hash)
            {
                problems.Add($"{last.File} (sequence {last.Link.Sequence}, the last): does not hash to what the head names: it was edited after it was appended");
            }
        }
        else if (chained.Count > 1 && head.Sequence == last.Link.Sequence - 1 && head.Sha256 == chained[^2].Hash && last.Link.Previous == head.Sha256)
        {
            notes.Add($"{last.File} (sequence {last.Link.Sequence}): was appended but the head was not moved to it: an append was interrupted (the process died) after the record was written");
        }
        else if (head.Sequence > (chained.Count > 0 ? last.Link.Sequence : 0))
        {
            problems.Add($"{headName}: names sequence {head.Sequence} ({head.File}), but the log ends at {(chained.Count > 0 ? last.Link.Sequence : 0)}: the last records were deleted");
        }
        else
        {
            problems.Add($"{headName}: names sequence {head.Sequence}, but the log goes on to {last.Link.Sequence}: records were added without the lock, or the head was replaced");
        }
    }

    private static int CheckCheckpoints(DecisionStore store, List<(ChainLink Link, string File, string Hash)> chained, IReadOnlyDictionary<string, TrustedKey>? trusted, List<string> problems)
    {
        var stored = store.Checkpoints();
        if (stored.Count == 0)
        {
            return 0;
        }

        var bySequence = chained.GroupBy(c => c.Link.Sequence).ToDictionary(g => g.Key, g => g.First());
        var checkedCount = 0;
        foreach (var (name, text) in stored)
        {
            if (trusted is null)
            {
                problems.Add($"{name}: cannot be checked without the keys that sign checkpoints (--trust)");
                continue;
            }

            var (checkpoint, problem) = LogCheckpoint.Verify(text, trusted);
            if (problem is not null)
            {
                problems.Add($"{name}: {problem}");
                continue;
            }

            checkedCount++;
            if (!bySequence.TryGetValue(checkpoint!.Sequence, out var at))
            {
                problems.Add($"{name}: signs sequence {checkpoint.Sequence}, which the log no longer holds: records were deleted");
            }
            else if (at.Hash != checkpoint.Sha256)
            {
                problems.Add($"{at.File} (sequence {at.Link.Sequence}): does not hash to what the signed checkpoint {name} names: the log was changed after it was signed");
            }
        }

        return checkedCount;
    }

    private static string Range(long from, long to) =>
        from == to ? from.ToString(CultureInfo.InvariantCulture) : $"{from.ToString(CultureInfo.InvariantCulture)}–{to.ToString(CultureInfo.InvariantCulture)}";
}
