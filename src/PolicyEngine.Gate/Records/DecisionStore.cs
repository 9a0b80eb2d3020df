namespace PolicyEngine.Gate.Records;

/// <summary>
/// Where decision records and their tamper-evident log live (docs/audit.md): a local directory (the embedded
/// default, <see cref="DirectoryStore"/>) or a PostgreSQL database shared by CI runners and serve replicas
/// (<see cref="PostgresStore"/>). Every store keeps a record's exact bytes, so a record's hash — and with it the
/// chain — is the same wherever it is kept. Failures to reach or write the store are <see cref="IOException"/>s:
/// an unrecorded decision does not count.
/// </summary>
public abstract class DecisionStore : IDisposable
{
    /// <summary>Where the records are, for messages and records: a directory, or <c>postgresql://host:port/database</c> (never a password).</summary>
    public abstract string Location { get; }

    /// <summary>What verification calls the log's head in its messages.</summary>
    public abstract string HeadName { get; }

    /// <summary>
    /// Opens the store an address names: a <c>postgresql://</c> (or <c>postgres://</c>) URI, or a directory
    /// (relative to the working directory).
    /// </summary>
    /// <exception cref="ArgumentException">A database URI that cannot be understood.</exception>
    public static DecisionStore Open(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return PostgresStore.IsAddress(address) ? PostgresStore.FromUri(address) : new DirectoryStore(Path.GetFullPath(address));
    }

    /// <summary>
    /// Whether the store's storage exists at all (the directory; the tables). Reading a store that does not exist is
    /// an error for a reader (verify, copy, back-test), never an empty log; asking creates nothing.
    /// </summary>
    /// <exception cref="IOException">The store cannot be reached.</exception>
    public abstract bool Exists();

    /// <summary>Keeps a pending record (a run that has started, not decided): unchained, replaced when the run appends its decision.</summary>
    /// <returns>Where it was kept.</returns>
    public abstract string StorePending(DecisionRecord pending);

    /// <summary>
    /// Appends <paramref name="record"/> to the log — its sequence and the previous record's hash, appended one
    /// at a time however many processes append — and drops the pending record it replaces.
    /// </summary>
    /// <returns>The record as chained, and where it was kept.</returns>
    public abstract (DecisionRecord Record, string Where) Append(DecisionRecord record, TimeProvider clock, DecisionRecord? replacing = null);

    /// <summary>
    /// Adds a record already chained elsewhere, byte for byte, at the end of the log: it must carry the next
    /// sequence and name the head's hash. Copying a log keeps its chain this way.
    /// </summary>
    /// <exception cref="InvalidOperationException">The record does not continue this log.</exception>
    public abstract string Import(StoredRecord record, ChainLink link);

    /// <summary>The records (chained and pending), newest decision first; for <paramref name="model"/> only, when given.</summary>
    public abstract IEnumerable<StoredRecord> Newest(string? model);

    /// <summary>Every record, in no particular order: what verification and back-testing read.</summary>
    public abstract IEnumerable<StoredRecord> All();

    /// <summary>The record with this decision id, or null.</summary>
    public abstract StoredRecord? Find(Guid decisionId);

    /// <summary>The log's head, or null for a log not yet begun.</summary>
    /// <exception cref="IOException">The head cannot be read.</exception>
    public abstract LogHead? Head();

    /// <summary>The signed checkpoints kept with the log.</summary>
    public abstract IReadOnlyList<StoredCheckpoint> Checkpoints();

    /// <summary>Keeps a signed checkpoint of the head at <paramref name="sequence"/>; returns where.</summary>
    public abstract string SaveCheckpoint(long sequence, string text);

    /// <summary>Why records cannot be kept now, or null when they can (serve's readiness).</summary>
    public abstract string? Unwritable();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases connections, for stores that hold them.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A record as a store keeps it: its exact bytes, what the store calls it, and what the store indexes it by.</summary>
/// <param name="Name">Its name: the file name a directory gives it (a database keeps the same name).</param>
/// <param name="Where">Where it is, for messages: the file's path, or the database and the decision id.</param>
/// <param name="Bytes">The record's bytes, exactly as written: its hash is the chain's.</param>
/// <param name="IndexedSequence">The sequence the store files it under, where the store keeps one beside the record (a database's column), else null.</param>
/// <param name="IndexedId">The decision id the store files it under, likewise.</param>
/// <param name="Pending">Whether the store keeps it as pending (never chained).</param>
/// <param name="IndexesModel">Whether the store files it under a model beside the record (a database's column): history and listings filter by it.</param>
/// <param name="IndexedModel">That model, when <paramref name="IndexesModel"/>.</param>
public sealed record StoredRecord(string Name, string Where, byte[] Bytes, long? IndexedSequence = null, Guid? IndexedId = null, bool Pending = false, bool IndexesModel = false, string? IndexedModel = null)
{
    /// <summary>The record's hash: <c>sha256:</c> and the lower-case hex of its bytes.</summary>
    public string Hash => DecisionLog.Hash(Bytes);

    /// <summary>The record, parsed.</summary>
    /// <exception cref="System.Text.Json.JsonException">The bytes are not a decision record.</exception>
    public DecisionRecord Read() => DecisionRecordJson.Read(System.Text.Encoding.UTF8.GetString(Bytes));
}

/// <summary>A signed checkpoint as a store keeps it.</summary>
/// <param name="Name">Its name in messages (<c>checkpoints/000000000012.json</c>).</param>
/// <param name="Text">The signed JSON.</param>
public sealed record StoredCheckpoint(string Name, string Text);
