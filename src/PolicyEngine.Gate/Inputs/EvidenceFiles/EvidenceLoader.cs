using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyEngine.Gate.Inputs.EvidenceFiles;

/// <summary>Loads evidence into <see cref="Evidence"/> facts, each with its signature checked against the trusted keys.</summary>
public static class EvidenceLoader
{
    private static readonly EvidenceValidator Validator = new();

    /// <summary>Loads the evidence file.</summary>
    /// <param name="path">The evidence file.</param>
    /// <param name="trusted">The trusted keys; empty when no trust file was given (then no signature is trusted).</param>
    /// <exception cref="InputException">The file is missing or invalid.</exception>
    public static (IReadOnlyList<Evidence> Evidence, InputFile File) Load(string path, IReadOnlyDictionary<string, TrustedKey> trusted)
    {
        var (document, sha) = JsonInput.Read(path, Validator);
        var bytes = File.ReadAllBytes(path);
        if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) != sha)
        {
            // The signatures are checked on these bytes; they must be the bytes that were validated and recorded.
            throw new InputException(path, "", "changed while it was being read; read it again once it is written");
        }

        var raw = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var rawItems = raw["items"]!.AsArray();
        var evidence = document.Items!.Select((item, i) => new Evidence(
                item.Kind!,
                item.Subject!.Model!,
                item.Subject.Version!,
                item.Issuer!,
                item.IssuedAt!.Value,
                item.Digest!,
                EvidenceSignature.Verify(rawItems[i]!.AsObject(), item.Issuer!, item.Signature, trusted))
            {
                ExpiresAt = item.ExpiresAt,
            })
            .ToList();
        return (evidence, new InputFile("evidence", path, sha, evidence.Count));
    }
}
