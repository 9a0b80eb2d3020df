namespace PolicyEngine;

/// <summary>Evidence of a kind exists for the candidate model and version, fresh enough and, if required, validly signed.</summary>
/// <param name="evidenceKind">The evidence kind, e.g. <c>pii-review</c>, <c>red-team</c>, <c>model-card</c>.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ComplianceGateAttribute(string evidenceKind) : GuardrailDeclarationAttribute
{
    /// <summary>The evidence kind.</summary>
    public string EvidenceKind { get; } = evidenceKind;

    /// <summary>Oldest acceptable evidence, in days; 0 means any age.</summary>
    public int MaxAgeDays { get; set; }

    /// <summary>Whether the evidence must carry a signature that verifies against a trusted key.</summary>
    public bool RequireSignature { get; set; }
}
