using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// Records and their chain in PostgreSQL, shared by every CI runner and serve replica that names the database
/// (docs/audit.md, "A shared store"). Tables live in the connection's schema (its search path):
/// <c>policyengine_records</c> (each record's exact bytes with its sequence, decision id, model and name),
/// <c>policyengine_log_head</c>, <c>policyengine_pending</c> and <c>policyengine_checkpoints</c>; they are
/// created on first use. Appends are serialized by the database: each runs in one transaction holding an
/// exclusive lock on the records table (readers go on), and the sequence is the table's primary key, so the
/// chain cannot fork even past the lock.
/// </summary>
public sealed class PostgresStore : DecisionStore
{
    /// <summary>How long an append waits for the table lock before it fails.</summary>
    public static TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    private const int Page = 64;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS policyengine_records (
            sequence    bigint PRIMARY KEY CHECK (sequence > 0),
            decision_id uuid NOT NULL UNIQUE,
            name        text NOT NULL UNIQUE,
            model       text,
            body        bytea NOT NULL
        );
        CREATE INDEX IF NOT EXISTS policyengine_records_by_model ON policyengine_records (model, name DESC);
        CREATE TABLE IF NOT EXISTS policyengine_log_head (
            singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            sequence    bigint NOT NULL,
            sha256      text NOT NULL,
            name        text NOT NULL,
            appended_at timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS policyengine_pending (
            decision_id uuid PRIMARY KEY,
            name        text NOT NULL,
            model       text,
            body        bytea NOT NULL
        );
        CREATE TABLE IF NOT EXISTS policyengine_checkpoints (
            sequence    bigint PRIMARY KEY,
            body        text NOT NULL
        );
        """;

    private readonly NpgsqlDataSource _source;
    private readonly Lock _creating = new();
    private volatile bool _created;

    private PostgresStore(NpgsqlConnectionStringBuilder connection)
    {
        // Npgsql reads PGPASSWORD, PGPASSFILE and PGUSER itself when the address leaves them out.
        Location = $"postgresql://{connection.Host}:{connection.Port}/{connection.Database}";
        _source = NpgsqlDataSource.Create(connection);
    }

    /// <inheritdoc/>
    public override string Location { get; }

    /// <inheritdoc/>
    public override string HeadName => "policyengine_log_head";

    /// <summary>Whether <paramref name="address"/> names a database rather than a directory.</summary>
    public static bool IsAddress(string address) =>
        address.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Opens the store a libpq-style URI names: <c>postgresql://[user[:password]@]host[:port]/database[?param=value&amp;…]</c>.
    /// Parameters are libpq's (<c>sslmode</c>, <c>sslrootcert</c>, <c>application_name</c>, <c>connect_timeout</c>),
    /// <c>search_path</c> (the schema the tables live in), or any Npgsql connection-string keyword.
    /// </summary>
    /// <exception cref="ArgumentException">The URI cannot be understood, naming the part.</exception>
    public static PostgresStore FromUri(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IsAddress(address) || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{Writers.Words.Printable(Redacted(address))}' is not a PostgreSQL address; expected postgresql://[user@]host[:port]/database[?sslmode=…]");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{Writers.Words.Printable(Redacted(address))}' names no database; expected postgresql://host[:port]/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            ApplicationName = "policyengine",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (Uri.UnescapeDataString(k), Uri.UnescapeDataString(v)) : (Uri.UnescapeDataString(pair), "");
            try
            {
                builder[Keyword(key)] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new ArgumentException($"'{Writers.Words.Printable(Redacted(address))}': parameter '{Writers.Words.Printable(key)}' is not one Npgsql takes ({e.Message})", e);
            }
        }

        return new PostgresStore(builder);
    }

    /// <inheritdoc/>
    public override bool Exists() => Guarded(() =>
    {
        // Not through Execute: asking must not create the tables a writer would.
        using var connection = _source.OpenConnection();
        using var command = new NpgsqlCommand("SELECT to_regclass('policyengine_records') IS NOT NULL", connection);
        return (bool)command.ExecuteScalar()!;
    });

    /// <inheritdoc/>
    public override string StorePending(DecisionRecord pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var bytes = System.Text.Encoding.UTF8.GetBytes(DecisionRecordJson.Write(pending));
        Execute(command =>
        {
            command.CommandText = "INSERT INTO policyengine_pending (decision_id, name, model, body) VALUES ($1, $2, $3, $4) ON CONFLICT (decision_id) DO UPDATE SET body = EXCLUDED.body";
            Add(command, pending.DecisionId, NameOf(pending), pending.Release?.Model, bytes);
            return command.ExecuteNonQuery();
        });
        return WhereOf(pending.DecisionId);
    }

    /// <inheritdoc/>
    public override (DecisionRecord Record, string Where) Append(DecisionRecord record, TimeProvider clock, DecisionRecord? replacing = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(clock);
        var chained = InLog(head =>
        {
            var appendedAt = clock.GetUtcNow();
            if (head is not null && appendedAt < head.AppendedAt)
            {
                // A runner whose clock is behind must not make the log look reordered.
                appendedAt = head.AppendedAt;
            }

            var link = new ChainLink((head?.Sequence ?? 0) + 1, head?.Sha256, appendedAt);
            var result = record with { Chain = link };
            var bytes = System.Text.Encoding.UTF8.GetBytes(DecisionRecordJson.Write(result));
            return (new StoredRecord(NameOf(result), WhereOf(result.DecisionId), bytes), link, result);
        }, replacing?.DecisionId);
        return (chained, WhereOf(chained.DecisionId));
    }

    /// <inheritdoc/>
    public override string Import(StoredRecord record, ChainLink link)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(link);
        var parsed = record.Read();
        InLog(head =>
        {
            DecisionLog.Continues(head, record, link);
            return (record, link, parsed);
        }, null);
        return WhereOf(parsed.DecisionId);
    }

    /// <inheritdoc/>
    public override IEnumerable<StoredRecord> Newest(string? model)
    {
        // Read a page at a time: history stops after a few records, a listing after its limit.
        string? after = null;
        while (true)
        {
            var page = Query(command =>
            {
                command.CommandText = $"""
                    SELECT name, body, sequence, decision_id, false, model FROM policyengine_records
                     WHERE ($1::text IS NULL OR model = $1) AND ($2::text IS NULL OR name < $2)
                    UNION ALL
                    SELECT name, body, NULL, decision_id, true, model FROM policyengine_pending
                     WHERE ($1::text IS NULL OR model = $1) AND ($2::text IS NULL OR name < $2)
                    ORDER BY 1 DESC LIMIT {Page}
                    """;
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)model ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            });
            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            after = page[^1].Name;
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<StoredRecord> All()
    {
        long after = 0;
        while (true)
        {
            var page = Query(command =>
            {
                command.CommandText = $"SELECT name, body, sequence, decision_id, false, model FROM policyengine_records WHERE sequence > $1 ORDER BY sequence LIMIT {Page}";
                command.Parameters.Add(new NpgsqlParameter { Value = after });
            });
            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].IndexedSequence!.Value;
        }

        foreach (var pending in Query(command => command.CommandText = "SELECT name, body, NULL, decision_id, true, model FROM policyengine_pending ORDER BY name"))
        {
            yield return pending;
        }
    }

    /// <inheritdoc/>
    public override StoredRecord? Find(Guid decisionId) => Query(command =>
    {
        command.CommandText = """
            SELECT name, body, sequence, decision_id, false, model FROM policyengine_records WHERE decision_id = $1
            UNION ALL SELECT name, body, NULL, decision_id, true, model FROM policyengine_pending WHERE decision_id = $1
            """;
        command.Parameters.Add(new NpgsqlParameter { Value = decisionId });
    }).FirstOrDefault();

    /// <inheritdoc/>
    public override LogHead? Head() => Execute(command =>
    {
        command.CommandText = "SELECT sequence, sha256, name, appended_at FROM policyengine_log_head";
        return ReadHead(command);
    });

    /// <inheritdoc/>
    public override IReadOnlyList<StoredCheckpoint> Checkpoints() => Execute(command =>
    {
        command.CommandText = "SELECT sequence, body FROM policyengine_checkpoints ORDER BY sequence";
        var checkpoints = new List<StoredCheckpoint>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            checkpoints.Add(new StoredCheckpoint($"policyengine_checkpoints sequence {reader.GetInt64(0)}", reader.GetString(1)));
        }

        return checkpoints;
    });

    /// <inheritdoc/>
    public override string SaveCheckpoint(long sequence, string text)
    {
        Execute(command =>
        {
            command.CommandText = "INSERT INTO policyengine_checkpoints (sequence, body) VALUES ($1, $2) ON CONFLICT (sequence) DO UPDATE SET body = EXCLUDED.body";
            command.Parameters.Add(new NpgsqlParameter { Value = sequence });
            command.Parameters.Add(new NpgsqlParameter { Value = text });
            return command.ExecuteNonQuery();
        });
        return $"{Location} (policyengine_checkpoints, sequence {sequence})";
    }

    /// <inheritdoc/>
    public override string? Unwritable()
    {
        try
        {
            // Reaching the tables is not enough: an append must be allowed to take the lock and write.
            return Execute(command =>
            {
                command.CommandText = "SELECT has_table_privilege('policyengine_records', 'INSERT') AND has_table_privilege('policyengine_log_head', 'UPDATE')";
                return (bool)command.ExecuteScalar()! ? null : $"the database user may not append to {Location}";
            });
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }
    }

    /// <summary>
    /// Appends what <paramref name="next"/> makes of the head, in one transaction under the table's lock: the record,
    /// the head moved to it, and the pending record it replaces dropped.
    /// </summary>
    private DecisionRecord InLog(Func<LogHead?, (StoredRecord Stored, ChainLink Link, DecisionRecord Record)> next, Guid? replacing)
    {
        CreateTables();
        return Guarded(() =>
        {
            using var connection = _source.OpenConnection();
            using var transaction = connection.BeginTransaction();
            using (var command = new NpgsqlCommand($"SET LOCAL lock_timeout = '{(int)LockTimeout.TotalMilliseconds}ms'; LOCK TABLE policyengine_records IN EXCLUSIVE MODE", connection, transaction))
            {
                command.ExecuteNonQuery();
            }

            LogHead? head;
            using (var command = new NpgsqlCommand("SELECT sequence, sha256, name, appended_at FROM policyengine_log_head", connection, transaction))
            {
                head = ReadHead(command);
            }

            var (stored, link, record) = next(head);
            using (var command = new NpgsqlCommand("INSERT INTO policyengine_records (sequence, decision_id, name, model, body) VALUES ($1, $2, $3, $4, $5)", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = link.Sequence });
                Add(command, record.DecisionId, stored.Name, record.Release?.Model, stored.Bytes);
                command.ExecuteNonQuery();
            }

            using (var command = new NpgsqlCommand("""
                INSERT INTO policyengine_log_head (singleton, sequence, sha256, name, appended_at) VALUES (true, $1, $2, $3, $4)
                ON CONFLICT (singleton) DO UPDATE SET sequence = EXCLUDED.sequence, sha256 = EXCLUDED.sha256, name = EXCLUDED.name, appended_at = EXCLUDED.appended_at
                """, connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = link.Sequence });
                command.Parameters.Add(new NpgsqlParameter { Value = stored.Hash });
                command.Parameters.Add(new NpgsqlParameter { Value = stored.Name });
                command.Parameters.Add(new NpgsqlParameter { Value = link.AppendedAt.UtcDateTime });
                command.ExecuteNonQuery();
            }

            if (replacing is { } pending)
            {
                using var command = new NpgsqlCommand("DELETE FROM policyengine_pending WHERE decision_id = $1", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = pending });
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return record;
        });
    }

    /// <summary>Creates the tables once per store; a failure is retried on the next use (the database may come back).</summary>
    private void CreateTables()
    {
        if (_created)
        {
            return;
        }

        lock (_creating)
        {
            if (!_created)
            {
                _created = Guarded(CreateTablesNow);
            }
        }
    }

    private bool CreateTablesNow()
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        // Two runners meeting an empty database at once would race on CREATE TABLE IF NOT EXISTS; a lock on the
        // schema's name makes the second wait and then find the tables.
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.policyengine_records'))", connection, transaction))
        {
            command.ExecuteNonQuery();
        }

        using (var command = new NpgsqlCommand(Schema, connection, transaction))
        {
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return true;
    }

    private T Execute<T>(Func<NpgsqlCommand, T> run)
    {
        CreateTables();
        return Guarded(() =>
        {
            using var connection = _source.OpenConnection();
            using var command = connection.CreateCommand();
            return run(command);
        });
    }

    private List<StoredRecord> Query(Action<NpgsqlCommand> prepare) => Execute(command =>
    {
        prepare(command);
        var records = new List<StoredRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetGuid(3);
            records.Add(new StoredRecord(reader.GetString(0), WhereOf(id), reader.GetFieldValue<byte[]>(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2), id, reader.GetBoolean(4), IndexesModel: true, reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return records;
    });

    /// <summary>Runs database work; its failures become <see cref="IOException"/>s naming the store (an unrecorded decision does not count).</summary>
    private T Guarded<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new IOException($"the decision log in {Location} stayed locked for {LockTimeout.TotalSeconds:0} s; another gate is stuck appending", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new IOException($"{Location}: {e.MessageText} ({e.ConstraintName}): the record is already in the log, or the log was written without its lock", e);
        }
        catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new IOException($"the decision store {Location} cannot be used: {e.Message}", e);
        }
    }

    private static LogHead? ReadHead(NpgsqlCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new LogHead(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero))
            : null;
    }

    private static void Add(NpgsqlCommand command, Guid id, string name, string? model, byte[] body)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)model ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = body });
    }

    /// <summary>The name a directory would give the record: the same name wherever the record is kept.</summary>
    private static string NameOf(DecisionRecord record) => Path.GetFileName(DecisionRecordJson.PathOf(record, ""));

    private string WhereOf(Guid decisionId) => $"{Location} (decision {decisionId})";

    /// <summary>A libpq URI parameter as the Npgsql keyword it means.</summary>
    private static string Keyword(string parameter) => parameter.ToLowerInvariant() switch
    {
        "sslmode" => "SSL Mode",
        "sslrootcert" => "Root Certificate",
        "sslcert" => "SSL Certificate",
        "sslkey" => "SSL Key",
        "application_name" => "Application Name",
        "connect_timeout" => "Timeout",
        "search_path" => "Search Path",
        "target_session_attrs" => "Target Session Attributes",
        "passfile" => "Passfile",
        _ => parameter,
    };

    /// <summary>The address with any password left out, for messages.</summary>
    private static string Redacted(string address) =>
        System.Text.RegularExpressions.Regex.Replace(address, "://([^:/@]*):[^@/]*@", "://$1:***@");
}
