using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PolicyEngine.Gate.Inputs.EvidenceFiles;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine records</c>: verify a record directory's decision log, and sign checkpoints of it (docs/audit.md).</summary>
public sealed class RecordsCommand
{
    private readonly Option<DirectoryInfo?> _records = new("--record-dir") { Description = "The record directory (default: Gate:RecordDirectory, .policyengine/decisions)." };
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
            _records, _trust,
        };
        verify.SetAction(Verify);
        var checkpoint = new Command("checkpoint", "Sign the log's head (ECDSA P-256, a key from the trust file) into checkpoints/: the log up to it can then not change unseen, even its last record.")
        {
            _records, _key, _keyId, _issuer,
        };
        checkpoint.SetAction(Checkpoint);
        Command = new Command("records", "Work with the decision records' tamper-evident log.") { verify, checkpoint };
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private string Directory(ParseResult parse) => parse.GetValue(_records)?.FullName ?? Path.GetFullPath(_settings.RecordDirectory);

    private int Verify(ParseResult parse)
    {
        var directory = Directory(parse);
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

        if (!System.IO.Directory.Exists(directory))
        {
            _error.WriteLine($"policyengine records verify: error: {directory} does not exist");
            return ExitCodes.Error;
        }

        var result = LogVerification.Of(directory, trusted);
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
            ? $"intact: {result.Records} records chained, {result.Checkpoints} checkpoints verified ({directory})"
            : $"tampered: {result.Problems.Count} problems in {result.Records} chained records ({directory})");
        return result.Intact ? ExitCodes.Ok : 1;
    }

    private int Checkpoint(ParseResult parse)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(parse.GetValue(_key)!.FullName));
            var path = LogCheckpoint.Sign(Directory(parse), parse.GetValue(_issuer)!, parse.GetValue(_keyId)!, key, _clock);
            parse.InvocationConfiguration.Output.WriteLine($"signed the log's head into {path}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or InvalidOperationException)
        {
            _error.WriteLine($"policyengine records checkpoint: error: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
