using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PolicyEngine.Gate.Inputs.EvidenceFiles;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine records</c>: verify a record directory's decision log, and sign checkpoints of it (docs/audit.md).</summary>
public sealed class RecordsCommand
{
    private readonly RecordStoreOptions _records = new();
    private readonly Option<string> _from = new("--from") { Description = "The records to copy: a directory, or a postgresql:// database.", Required = true };
    private readonly Option<string> _to = new("--to") { Description = "Where to copy them: a directory or database that is empty, or holds the start of this same log.", Required = true };
    private readonly Option<FileInfo?> _trust = new("--trust") { Description = "The trust file whose keys sign checkpoints; without it, checkpoints cannot be checked." };
    private readonly Option<FileInfo> _key = new("--key") { Description = "The signer's ECDSA P-256 private key, PEM.", Required = true };
    private readonly Option<string> _keyId = new("--key-id") { Description = "The key's id in the trust file.", Required = true };
    private readonly Option<string> _issuer = new("--issuer") { Description = "Who signs: the issuer the trust file gives the key to.", Required = true };
    private readonly TextWriter _error;
    private readonly TimeProvider _clock;
    private readonly GateSettings _settings;

    /// <summary>Creates the command.</summary>
    public RecordsCommand(ErrorWriter error, TimeProvider clock, IOptions<GateSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(settings);
        _error = error.Writer;
        _clock = clock;
        _settings = settings.Value;
        var verify = new Command("verify", "Check the decision log: every record chained to the one before, none edited, deleted, inserted or reordered, the head and every signed checkpoint matching. Exit 0 intact, 1 tampered.")
        {
            _records.Directory, _records.Store, _trust,
        };
        _records.Validate(verify);
        verify.SetAction(Verify);
        var checkpoint = new Command("checkpoint", "Sign the log's head (ECDSA P-256, a key from the trust file) into checkpoints/: the log up to it can then not change unseen, even its last record.")
        {
            _records.Directory, _records.Store, _key, _keyId, _issuer,
        };
        _records.Validate(checkpoint);
        checkpoint.SetAction(Checkpoint);
        var copy = new Command("copy", "Copy a log's records, byte for byte with their chain, and its checkpoints into another store: e.g. a runner's directory into the shared PostgreSQL store. The source must verify; the target must be empty or hold the start of the same log (a copy resumes). Exit 0 copied, 1 refused.")
        {
            _from, _to,
        };
        copy.SetAction(Copy);
        Command = new Command("records", "Work with the decision records' tamper-evident log, in a directory or a shared PostgreSQL store.") { verify, checkpoint, copy };
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private int Verify(ParseResult parse)
    {
        IReadOnlyDictionary<string, TrustedKey>? trusted = null;
        if (parse.GetValue(_trust) is { } trust)
        {
            try
            {
                trusted = TrustFile.Load(trust.FullName).Keys;
            }
            catch (InputException e)
            {
                _error.WriteLine($"policyengine records verify: error: {e.Message}");
                return ExitCodes.Error;
            }
        }

        try
        {
            using var store = _records.Open(parse, _settings);
            if (!store.Exists())
            {
                _error.WriteLine($"policyengine records verify: error: {Gate.Writers.Words.Printable(store.Location)} does not exist (no record directory, or no decision tables in the database)");
                return ExitCodes.Error;
            }

            var result = LogVerification.Of(store, trusted);
            var output = parse.InvocationConfiguration.Output;
            foreach (var note in result.Notes)
            {
                output.WriteLine($"note: {Gate.Writers.Words.Printable(note)}");
            }

            foreach (var problem in result.Problems)
            {
                output.WriteLine($"TAMPERED: {Gate.Writers.Words.Printable(problem)}");
            }

            output.WriteLine(result.Intact
                ? $"intact: {result.Records} records chained, {result.Checkpoints} checkpoints verified ({Gate.Writers.Words.Printable(store.Location)})"
                : $"tampered: {result.Problems.Count} problems in {result.Records} chained records ({Gate.Writers.Words.Printable(store.Location)})");
            return result.Intact ? ExitCodes.Ok : 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A log that cannot be read is not shown intact.
            _error.WriteLine($"policyengine records verify: error: {e.Message}");
            return ExitCodes.Error;
        }
    }

    private int Checkpoint(ParseResult parse)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(parse.GetValue(_key)!.FullName));
            using var store = _records.Open(parse, _settings);
            var where = LogCheckpoint.Sign(store, parse.GetValue(_issuer)!, parse.GetValue(_keyId)!, key, _clock);
            parse.InvocationConfiguration.Output.WriteLine($"signed the log's head into {where}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or InvalidOperationException)
        {
            _error.WriteLine($"policyengine records checkpoint: error: {e.Message}");
            return ExitCodes.Error;
        }
    }

    private int Copy(ParseResult parse)
    {
        try
        {
            using var from = DecisionStore.Open(parse.GetValue(_from)!);
            using var to = DecisionStore.Open(parse.GetValue(_to)!);
            var copied = LogCopy.Run(from, to);
            parse.InvocationConfiguration.Output.WriteLine(
                $"copied {copied.Records} records and {copied.Checkpoints} checkpoints from {Gate.Writers.Words.Printable(from.Location)} to {Gate.Writers.Words.Printable(to.Location)}"
                + (copied.Skipped > 0 ? $" ({copied.Skipped} already there)" : "") + (copied.Pending > 0 ? $"; {copied.Pending} pending records (runs that never decided) left behind" : ""));
            return ExitCodes.Ok;
        }
        catch (InvalidOperationException e)
        {
            _error.WriteLine($"policyengine records copy: refused: {Gate.Writers.Words.Printable(e.Message)}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _error.WriteLine($"policyengine records copy: error: {Gate.Writers.Words.Printable(e.Message)}");
            return ExitCodes.Error;
        }
    }
}
