namespace PolicyEngine.Gate.Records;

/// <summary>
/// Records as files in one directory: <c>{decidedAt}-{model}-{id}.json</c>, the log's head in <c>.log-head</c>,
/// appends under <c>.log.lock</c> (<see cref="DecisionLog"/>), signed checkpoints in <c>checkpoints/</c>. The
/// embedded default; it is only as shared as the directory.
/// </summary>
/// <param name="directory">The directory (full path); created on the first write.</param>
public sealed class DirectoryStore(string directory) : DecisionStore
{
    /// <summary>The directory.</summary>
    public string Directory { get; } = directory;

    /// <inheritdoc/>
    public override string Location => Directory;

    /// <inheritdoc/>
    public override string HeadName => DecisionLog.HeadName;

    /// <inheritdoc/>
    public override bool Exists() => System.IO.Directory.Exists(Directory);

    /// <inheritdoc/>
    public override string StorePending(DecisionRecord pending) => DecisionRecordJson.Store(pending, Directory);

    /// <inheritdoc/>
    public override (DecisionRecord Record, string Where) Append(DecisionRecord record, TimeProvider clock, DecisionRecord? replacing = null)
    {
        var (chained, path) = DecisionLog.Append(record, Directory, clock);
        if (replacing is not null && DecisionRecordJson.PathOf(replacing, Directory) is var pending && !string.Equals(pending, path, StringComparison.Ordinal))
        {
            File.Delete(pending);
        }

        return (chained, path);
    }

    /// <inheritdoc/>
    public override string Import(StoredRecord record, ChainLink link) => DecisionLog.Import(record, link, Directory);

    /// <inheritdoc/>
    public override IEnumerable<StoredRecord> Newest(string? model)
    {
        // Record names start with the decision time, so name order is time order, and they carry the model, so
        // other models' records are not even opened.
        var named = model is null ? null : $"-{DecisionRecordJson.FileNamePart(model)}-";
        return Files()
            .Where(p => named is null || Path.GetFileName(p).Contains(named, StringComparison.Ordinal))
            .OrderDescending(StringComparer.Ordinal)
            .Select(Read)
            .OfType<StoredRecord>();
    }

    /// <inheritdoc/>
    public override IEnumerable<StoredRecord> All() => Files().Order(StringComparer.Ordinal).Select(Read).OfType<StoredRecord>();

    /// <inheritdoc/>
    public override StoredRecord? Find(Guid decisionId) =>
        Files().Where(p => p.EndsWith($"{decisionId:N}.json", StringComparison.Ordinal)).Select(Read).OfType<StoredRecord>().FirstOrDefault();

    /// <inheritdoc/>
    public override LogHead? Head() => DecisionLog.ReadHead(Directory);

    /// <inheritdoc/>
    public override IReadOnlyList<StoredCheckpoint> Checkpoints()
    {
        var folder = Path.Combine(Directory, LogCheckpoint.FolderName);
        return System.IO.Directory.Exists(folder)
            ? [.. System.IO.Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
                .Select(p => new StoredCheckpoint($"{LogCheckpoint.FolderName}/{Path.GetFileName(p)}", File.ReadAllText(p)))]
            : [];
    }

    /// <inheritdoc/>
    public override string SaveCheckpoint(long sequence, string text)
    {
        var folder = Path.Combine(Directory, LogCheckpoint.FolderName);
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{sequence:D12}.json");
        DecisionRecordJson.WriteAtomically(path, text);
        return path;
    }

    /// <inheritdoc/>
    public override string? Unwritable()
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            // Probes with a name no reader takes for a record, and removes it: only the answer stays.
            var probe = Path.Combine(Directory, $".ready.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"decision records cannot be written to {Directory}: {e.Message}";
        }
    }

    private IEnumerable<string> Files() =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, "*.json") : [];

    /// <summary>The file as stored, or null when it went between listing and reading (a pending record replaced).</summary>
    private static StoredRecord? Read(string path)
    {
        try
        {
            return new StoredRecord(Path.GetFileName(path), path, File.ReadAllBytes(path));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
