using System.Security.Cryptography;
using System.Text.Json;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// A record directory as a tamper-evident log (docs/audit.md): each record appended carries its sequence and the
/// SHA-256 of the record before it. Appends take an exclusive lock on <c>.log.lock</c>, so gates in many
/// processes append one after another and the log never forks; the record and then the head (<c>.log-head</c>:
/// the last sequence and hash) are each written atomically.
/// </summary>
public static class DecisionLog
{
    /// <summary>The lock file appends hold.</summary>
    public const string LockName = ".log.lock";

    /// <summary>The head file: the last record's sequence, hash and file name.</summary>
    public const string HeadName = ".log-head";

    /// <summary>How long an append waits for the lock before it fails (a decision that cannot be recorded does not count).</summary>
    public static TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Appends <paramref name="record"/> to the log in <paramref name="directory"/>; returns the record as chained and where it was written.</summary>
    /// <exception cref="IOException">The lock was not had in time, or a file could not be written.</exception>
    public static (DecisionRecord Record, string Path) Append(DecisionRecord record, string directory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(clock);
        Directory.CreateDirectory(directory);
        using var held = Lock(directory);
        var head = ReadHead(directory);
        var appendedAt = clock.GetUtcNow();
        if (head is not null && appendedAt < head.AppendedAt)
        {
            // A clock that went back must not make the log look reordered.
            appendedAt = head.AppendedAt;
        }

        var chained = record with { Chain = new ChainLink((head?.Sequence ?? 0) + 1, head?.Sha256, appendedAt) };
        var path = DecisionRecordJson.PathOf(chained, directory);
        var text = DecisionRecordJson.Write(chained);
        DecisionRecordJson.WriteAtomically(path, text);
        var written = new LogHead(chained.Chain.Sequence, Hash(System.Text.Encoding.UTF8.GetBytes(text)), Path.GetFileName(path), appendedAt);
        DecisionRecordJson.WriteAtomically(Path.Combine(directory, HeadName), JsonSerializer.Serialize(written, DecisionRecordJson.Options) + "\n");
        return (chained, path);
    }

    /// <summary>Adds a record chained elsewhere to the end of the log in <paramref name="directory"/>, byte for byte; returns its path.</summary>
    /// <exception cref="InvalidOperationException">The record does not continue the log: not the next sequence, or not naming the head's hash.</exception>
    public static string Import(StoredRecord record, ChainLink link, string directory)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(link);
        Directory.CreateDirectory(directory);
        using var held = Lock(directory);
        Continues(ReadHead(directory), record, link);
        // The name is the record's own (time, model, id), never one a source store gave it.
        var path = DecisionRecordJson.PathOf(record.Read(), directory);
        if (File.Exists(path))
        {
            throw new InvalidOperationException($"{Path.GetFileName(path)}: a record of that name is already in {directory}");
        }

        DecisionRecordJson.WriteAtomically(path, record.Bytes);
        var written = new LogHead(link.Sequence, record.Hash, Path.GetFileName(path), link.AppendedAt);
        DecisionRecordJson.WriteAtomically(Path.Combine(directory, HeadName), JsonSerializer.Serialize(written, DecisionRecordJson.Options) + "\n");
        return path;
    }

    /// <summary>Refuses a record that does not carry the sequence after <paramref name="head"/> and name its hash.</summary>
    /// <exception cref="InvalidOperationException">It does not.</exception>
    public static void Continues(LogHead? head, StoredRecord record, ChainLink link)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(link);
        var next = (head?.Sequence ?? 0) + 1;
        if (link.Sequence != next || link.Previous != head?.Sha256)
        {
            throw new InvalidOperationException(
                $"{record.Name} (sequence {link.Sequence}) does not continue the log, which ends at sequence {next - 1}{(head is null ? "" : $" ({head.File})")}: only the next record of the same chain can be added");
        }
    }

    /// <summary>The head the log's directory holds, or null for a log not yet begun.</summary>
    /// <exception cref="IOException">The head file is unreadable.</exception>
    public static LogHead? ReadHead(string directory)
    {
        var path = Path.Combine(directory, HeadName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LogHead>(File.ReadAllText(path), DecisionRecordJson.Options)
                ?? throw new IOException($"{path} is JSON null; expected the log's head");
        }
        catch (JsonException e)
        {
            throw new IOException($"{path} is not the log's head ({e.Message}); verify the log (policyengine records verify)", e);
        }
    }

    /// <summary>The hash a link names: <c>sha256:</c> and the lower-case hex of the file's bytes.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The log's lock: a file opened for this process alone (an advisory lock among .NET processes on Linux and
    /// macOS, a sharing lock on Windows), retried until <see cref="LockTimeout"/>.
    /// </summary>
    private static FileStream Lock(string directory)
    {
        var path = Path.Combine(directory, LockName);
        var deadline = DateTime.UtcNow + LockTimeout;
        var wait = 1;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(wait);
                wait = Math.Min(wait * 2, 50);
            }
            catch (IOException e)
            {
                throw new IOException($"the decision log in {directory} stayed locked for {LockTimeout.TotalSeconds:0} s ({path}); another gate is stuck appending, or the file is held", e);
            }
        }
    }
}

/// <summary>The log's head: where the last append left it.</summary>
/// <param name="Sequence">The last record's sequence.</param>
/// <param name="Sha256">The last record's hash.</param>
/// <param name="File">The last record's file name.</param>
/// <param name="AppendedAt">When it was appended.</param>
public sealed record LogHead(long Sequence, string Sha256, string File, DateTimeOffset AppendedAt);
