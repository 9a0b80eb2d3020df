namespace PolicyEngine;

/// <summary>A governance evidence item, its signature already checked by the loader.</summary>
/// <param name="Kind">What it evidences, e.g. <c>pii-review</c>.</param>
/// <param name="Model">The model it is about.</param>
/// <param name="Version">The model version it is about.</param>
/// <param name="Issuer">Who issued it.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="Digest">The digest of the evidenced artifact.</param>
/// <param name="Signature">What checking the signature found.</param>
public sealed record Evidence(string Kind, string Model, string Version, string Issuer, DateTimeOffset IssuedAt, string Digest, SignatureStatus Signature) : IFact
{
    /// <summary>When the issuer says the evidence stops being valid, if it says so.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
