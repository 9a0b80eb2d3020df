using System.CommandLine;
using System.Security.Cryptography;
using PolicyEngine.Gate.Inputs.EvidenceFiles;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine evidence sign</c>: sign evidence items with an issuer's ECDSA P-256 key.</summary>
public sealed class EvidenceCommand
{
    private readonly Argument<FileInfo> _file = new("file") { Description = "The evidence file (JSON) to sign." };
    private readonly Option<FileInfo> _key = new("--key") { Description = "The issuer's ECDSA P-256 private key, PEM.", Required = true };
    private readonly Option<string> _keyId = new("--key-id") { Description = "The key's id in the trust file.", Required = true };
    private readonly Option<string?> _issuer = new("--issuer") { Description = "Sign only the items of this issuer (default: every item)." };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write the signed file here (default: sign in place)." };
    private readonly ErrorWriter _error;

    /// <summary>Creates the command.</summary>
    public EvidenceCommand(ErrorWriter error)
    {
        _error = error;
        var sign = new Command("sign", "Sign evidence items: ECDSA P-256 / SHA-256 over each item's canonical JSON, written into its signature field.")
        {
            _file, _key, _keyId, _issuer, _output,
        };
        sign.SetAction(Sign);
        Command = new Command("evidence", "Work with governance evidence files.") { sign };
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private int Sign(ParseResult parse)
    {
        var file = parse.GetValue(_file)!;
        try
        {
            var (document, _) = JsonInput.Read(file.ToString(), new EvidenceValidator());
            var issuer = parse.GetValue(_issuer);
            var (signed, total, output) = SignedItems.Sign(file.FullName, "items", parse.GetValue(_key)!.FullName, parse.GetValue(_keyId)!,
                i => issuer is null || document.Items![i].Issuer == issuer, parse.GetValue(_output)?.FullName);
            parse.InvocationConfiguration.Output.WriteLine($"signed {signed} of {total} items into {output}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            _error.Writer.WriteLine($"policyengine evidence sign: error: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
