namespace PolicyEngine;

/// <summary>What checking an evidence item's signature found.</summary>
public enum SignatureStatus
{
    /// <summary>The item carries no signature.</summary>
    Unsigned = 0,

    /// <summary>The signature verifies against a trusted key.</summary>
    Valid = 1,

    /// <summary>The signature does not verify: the item was altered or forged.</summary>
    Invalid = 2,

    /// <summary>The signing key is not in the trust file.</summary>
    UntrustedKey = 3,
}
