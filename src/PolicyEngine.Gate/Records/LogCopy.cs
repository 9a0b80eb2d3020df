using System.Text.Json.Nodes;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// Copies a decision log into another store with its chain intact (<c>policyengine records copy</c>): every
/// record byte for byte in sequence order, so each still hashes to what the next one names, then the signed
/// checkpoints. A copy into a store that already holds the start of the same log resumes where it ends; two
/// different logs cannot be merged, since joining them would mean rewriting records.
/// </summary>
/// <param name="Records">Records copied.</param>
/// <param name="Skipped">Records the target already held.</param>
/// <param name="Checkpoints">Checkpoints copied.</param>
/// <param name="Pending">Pending records (runs that never decided) left behind: they are no part of the log.</param>
public sealed record LogCopy(int Records, int Skipped, int Checkpoints, int Pending)
{
    /// <summary>Copies <paramref name="from"/>'s log into <paramref name="to"/>.</summary>
    /// <exception cref="InvalidOperationException">The source does not verify, or the target holds another log.</exception>
    /// <exception cref="IOException">A store cannot be read or written.</exception>
    public static LogCopy Run(DecisionStore from, DecisionStore to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (!from.Exists())
        {
            throw new InvalidOperationException($"{from.Location} does not exist: there is no log to copy");
        }

        var verified = LogVerification.Of(from, trusted: null, chainOnly: true);
        if (!verified.Intact)
        {
            throw new InvalidOperationException(
                $"{from.Location} does not verify ({verified.Problems.Count} problems; the first: {verified.Problems[0]}); a log is copied only as it was appended (policyengine records verify names every problem)");
        }

        var chained = new List<(StoredRecord Stored, ChainLink Link)>();
        var pending = 0;
        foreach (var stored in from.All())
        {
            if (stored.Read().Chain is { } link && !stored.Pending)
            {
                chained.Add((stored, link));
            }
            else
            {
                pending++;
            }
        }

        chained.Sort((a, b) => a.Link.Sequence.CompareTo(b.Link.Sequence));
        var head = to.Head();
        if (head is null && to.All().Any())
        {
            throw new InvalidOperationException($"{to.Location} holds records but no log head: verify it (policyengine records verify) before copying into it");
        }

        var skipped = (int)(head?.Sequence ?? 0);
        if (head is not null && (skipped > chained.Count || chained[skipped - 1].Stored.Hash != head.Sha256))
        {
            throw new InvalidOperationException(
                $"{to.Location} holds another log (its head, sequence {head.Sequence}, is not this log's record {head.Sequence}): two logs cannot be merged without rewriting records; copy into an empty store");
        }

        foreach (var (stored, link) in chained.Skip(skipped))
        {
            to.Import(stored, link);
        }

        var checkpoints = 0;
        foreach (var checkpoint in from.Checkpoints())
        {
            // Copied as signed; the target's verify checks them against its trust file.
            var sequence = JsonNode.Parse(checkpoint.Text)?["sequence"]?.GetValue<long>()
                ?? throw new InvalidOperationException($"{checkpoint.Name} names no sequence");
            to.SaveCheckpoint(sequence, checkpoint.Text);
            checkpoints++;
        }

        return new LogCopy(chained.Count - skipped, skipped, checkpoints, pending);
    }
}
