using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyEngine.Gate.Inputs.EvidenceFiles;

namespace PolicyEngine.Cli;

/// <summary>Signs the items of a JSON document's array in place (evidence items, waivers): each with the same key, as evidence is signed.</summary>
internal static class SignedItems
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Signs the items <paramref name="include"/> picks; returns how many were signed, of how many, and where the file was written.</summary>
    /// <param name="file">The document.</param>
    /// <param name="array">The property holding the items.</param>
    /// <param name="keyFile">The signer's ECDSA P-256 private key, PEM.</param>
    /// <param name="keyId">The key's id in the trust file.</param>
    /// <param name="include">Whether the item at an index is signed.</param>
    /// <param name="output">Where to write; null signs in place.</param>
    public static (int Signed, int Total, string Path) Sign(string file, string array, string keyFile, string keyId, Func<int, bool> include, string? output)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyFile));
        var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var items = root[array]!.AsArray();
        var signed = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (include(i))
            {
                EvidenceSignature.Sign(items[i]!.AsObject(), keyId, key);
                signed++;
            }
        }

        var path = output ?? file;
        File.WriteAllText(path, root.ToJsonString(Indented) + "\n");
        return (signed, items.Count, path);
    }
}
