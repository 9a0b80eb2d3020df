using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyEngine.Gate.Inputs.EvidenceFiles;

/// <summary>
/// Signing and verifying evidence items: ECDSA P-256 with SHA-256 over the item's canonical JSON — the item
/// without its <c>signature</c>, object keys sorted by code point, no whitespace, strings as written in the file.
/// </summary>
public static class EvidenceSignature
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The bytes a signature covers.</summary>
    public static byte[] CanonicalBytes(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var canonical = Canonical(item);
        ((JsonObject)canonical).Remove("signature");
        return Encoding.UTF8.GetBytes(canonical.ToJsonString(Compact));
    }

    /// <summary>Signs the item and sets its <c>signature</c>; returns the item.</summary>
    public static JsonObject Sign(JsonObject item, string keyId, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.SignData(CanonicalBytes(item), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        item["signature"] = new JsonObject { ["keyId"] = keyId, ["value"] = Convert.ToBase64String(signature) };
        return item;
    }

    /// <summary>What checking the item's signature against the trusted keys finds.</summary>
    public static SignatureStatus Verify(JsonObject item, string issuer, EvidenceSignatureDocument? signature, IReadOnlyDictionary<string, TrustedKey> trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        if (signature is null)
        {
            return SignatureStatus.Unsigned;
        }

        if (!trusted.TryGetValue(signature.KeyId!, out var key) || key.Issuer != issuer)
        {
            return SignatureStatus.UntrustedKey;
        }

        var bytes = new byte[signature.Value!.Length];
        if (!Convert.TryFromBase64String(signature.Value, bytes, out var length))
        {
            return SignatureStatus.Invalid;
        }

        var data = CanonicalBytes(item);
        var value = bytes.AsSpan(0, length);
        var format = length == 64 ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;
        try
        {
            return key.Key.VerifyData(data, value, HashAlgorithmName.SHA256, format) ? SignatureStatus.Valid : SignatureStatus.Invalid;
        }
        catch (CryptographicException)
        {
            return SignatureStatus.Invalid;
        }
    }

    private static JsonNode Canonical(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(e => e is null ? null : Canonical(e)).ToArray()),
        _ => node.DeepClone(),
    };
}
