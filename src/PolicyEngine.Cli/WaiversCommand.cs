using System.CommandLine;
using System.Security.Cryptography;
using PolicyEngine.Gate.Inputs.EvidenceFiles;
using PolicyEngine.Gate.Inputs.Waivers;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine waivers sign</c>: an approver signs waivers with their ECDSA P-256 key (docs/audit.md).</summary>
public sealed class WaiversCommand
{
    private readonly Argument<FileInfo> _file = new("file") { Description = "The waiver file (JSON) to sign." };
    private readonly Option<FileInfo> _key = new("--key") { Description = "The approver's ECDSA P-256 private key, PEM.", Required = true };
    private readonly Option<string> _keyId = new("--key-id") { Description = "The key's id in the trust file.", Required = true };
    private readonly Option<string?> _approver = new("--approver") { Description = "Sign only the waivers of this approver (default: every waiver)." };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write the signed file here (default: sign in place)." };
    private readonly ErrorWriter _error;

    /// <summary>Creates the command.</summary>
    public WaiversCommand(ErrorWriter error)
    {
        _error = error;
        var sign = new Command("sign", "Sign waivers: ECDSA P-256 / SHA-256 over each waiver's canonical JSON, as evidence is signed.")
        {
            _file, _key, _keyId, _approver, _output,
        };
        sign.SetAction(Sign);
        Command = new Command("waivers", "Work with signed waivers of failing guardrails.") { sign };
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private int Sign(ParseResult parse)
    {
        var file = parse.GetValue(_file)!;
        try
        {
            // Checked as the gate reads it: a waiver that cannot be used is not worth a signature.
            var (waivers, _) = WaiverFile.Load(file.FullName, new Dictionary<string, TrustedKey>());
            var approver = parse.GetValue(_approver);
            var (signed, total, output) = SignedItems.Sign(file.FullName, "waivers", parse.GetValue(_key)!.FullName, parse.GetValue(_keyId)!,
                i => approver is null || waivers[i].Approver == approver, parse.GetValue(_output)?.FullName);
            parse.InvocationConfiguration.Output.WriteLine($"signed {signed} of {total} waivers into {output}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            _error.Writer.WriteLine($"policyengine waivers sign: error: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
