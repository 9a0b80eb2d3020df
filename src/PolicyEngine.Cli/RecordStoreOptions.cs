using System.CommandLine;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli;

/// <summary>
/// Where decision records and their log are kept (docs/audit.md): <c>--record-store</c> (a directory or a
/// <c>postgresql://</c> database), <c>--record-dir</c> (a directory), else the settings Gate:RecordStore, then
/// Gate:RecordDirectory.
/// </summary>
public sealed class RecordStoreOptions
{
    /// <summary>--record-dir.</summary>
    public Option<DirectoryInfo?> Directory { get; } = new("--record-dir") { Description = "Keep decision records in this directory (default: Gate:RecordStore, else Gate:RecordDirectory, .policyengine/decisions)." };

    /// <summary>--record-store.</summary>
    public Option<string?> Store { get; } = new("--record-store") { Description = "Keep decision records here: a directory, or a PostgreSQL database shared by runners and replicas (postgresql://[user@]host[:port]/database; the password from PGPASSWORD or a .pgpass file). Default: Gate:RecordStore." };

    /// <summary>Both options, to add to a command.</summary>
    public IEnumerable<Option> All => [Directory, Store];

    /// <summary>Refuses both at once.</summary>
    public void Validate(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(Directory) is not null && r.GetValue(Store) is not null)
            {
                r.AddError("--record-dir and --record-store exclude each other: name one place for the records");
            }
        });
    }

    /// <summary>Opens the store the command line or the settings name.</summary>
    /// <exception cref="ArgumentException">A database address that cannot be understood.</exception>
    public DecisionStore Open(ParseResult parse, GateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(settings);
        return parse.GetValue(Store) is { } store ? DecisionStore.Open(store)
            : parse.GetValue(Directory) is { } directory ? new DirectoryStore(directory.FullName)
            : !string.IsNullOrWhiteSpace(settings.RecordStore) ? DecisionStore.Open(settings.RecordStore)
            : new DirectoryStore(Path.GetFullPath(settings.RecordDirectory));
    }

    /// <summary>
    /// The local directory for what stays on this machine whichever store keeps the records (probe results, the
    /// inputs serve stages): <c>--record-dir</c>, else Gate:RecordDirectory.
    /// </summary>
    public string LocalDirectory(ParseResult parse, GateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(settings);
        return Path.GetFullPath(parse.GetValue(Directory)?.FullName ?? settings.RecordDirectory);
    }
}
