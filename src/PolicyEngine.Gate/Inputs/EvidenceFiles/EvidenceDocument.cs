using System.Text.Json.Serialization;

namespace PolicyEngine.Gate.Inputs.EvidenceFiles;

/// <summary>An evidence file as written on disk (docs/schemas/evidence.schema.json).</summary>
public sealed class EvidenceDocument
{
    /// <summary>The schema the file declares; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>The evidence items.</summary>
    public List<EvidenceItemDocument>? Items { get; set; }
}

/// <summary>One governance evidence item: what it evidences, for which model version, who issued it when, and its signature.</summary>
public sealed class EvidenceItemDocument
{
    /// <summary>What it evidences, e.g. pii-review.</summary>
    public string? Kind { get; set; }

    /// <summary>The model version it is about.</summary>
    public EvidenceSubjectDocument? Subject { get; set; }

    /// <summary>Who issued it.</summary>
    public string? Issuer { get; set; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset? IssuedAt { get; set; }

    /// <summary>When it stops being valid, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The digest of the evidenced artifact, e.g. sha256:…</summary>
    public string? Digest { get; set; }

    /// <summary>The issuer's signature over the item's canonical JSON, if signed.</summary>
    public EvidenceSignatureDocument? Signature { get; set; }
}

/// <summary>The model version an evidence item is about.</summary>
public sealed class EvidenceSubjectDocument
{
    /// <summary>The model.</summary>
    public string? Model { get; set; }

    /// <summary>The version.</summary>
    public string? Version { get; set; }
}

/// <summary>An ECDSA P-256 signature: which trusted key made it, and the signature itself.</summary>
public sealed class EvidenceSignatureDocument
{
    /// <summary>The id of the key in the trust file.</summary>
    public string? KeyId { get; set; }

    /// <summary>Base64 of the ECDSA P-256 / SHA-256 signature, DER (as openssl writes it) or IEEE P1363 (r‖s).</summary>
    public string? Value { get; set; }
}
