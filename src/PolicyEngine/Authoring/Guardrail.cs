namespace PolicyEngine;

/// <summary>
/// A guardrail as the generator compiled it: its id, what it demands, who owns it and why. The generator
/// emits one per guardrail member; the catalog and the findings refer to it.
/// </summary>
public sealed class Guardrail
{
    /// <summary>Creates a descriptor; called by generated code.</summary>
    public Guardrail(
        string id,
        string policy,
        string member,
        GuardrailKind kind,
        Severity severity,
        Stages stages,
        MissingData whenMissing,
        string owner,
        string rationale,
        string requirement,
        string slice,
        string sourceFile,
        int sourceLine,
        Evaluation.MeasurementPolicy? measurement = null,
        string? group = null,
        bool critical = false)
    {
        Id = id;
        Policy = policy;
        Member = member;
        Kind = kind;
        Severity = severity;
        Stages = stages;
        WhenMissing = whenMissing;
        Owner = owner;
        Rationale = rationale;
        Requirement = requirement;
        Slice = slice;
        SourceFile = sourceFile;
        SourceLine = sourceLine;
        Measurement = measurement;
        Group = group;
        Critical = critical;
    }

    /// <summary>How a canary watch measures this guardrail, when it declares it (rollback thresholds); else null.</summary>
    public Evaluation.MeasurementPolicy? Measurement { get; }

    /// <summary>The metric group the guardrail scores in (<see cref="MetricGroupAttribute"/>), or null when it decides alone.</summary>
    public string? Group { get; }

    /// <summary>Whether its failure vetoes the decision whatever its group's score.</summary>
    public bool Critical { get; }

    /// <summary>The stable id, <c>policy/guardrail</c>, that audits and waivers cite.</summary>
    public string Id { get; }

    /// <summary>The policy name.</summary>
    public string Policy { get; }

    /// <summary>The C# member that declares the guardrail.</summary>
    public string Member { get; }

    /// <summary>The kind of guardrail.</summary>
    public GuardrailKind Kind { get; }

    /// <summary>What a failure does to the decision.</summary>
    public Severity Severity { get; }

    /// <summary>The stages it applies to.</summary>
    public Stages Stages { get; }

    /// <summary>What missing or too few facts make of its finding.</summary>
    public MissingData WhenMissing { get; }

    /// <summary>Who answers for it.</summary>
    public string Owner { get; }

    /// <summary>Why it exists: the member's XML doc summary.</summary>
    public string Rationale { get; }

    /// <summary>What it demands, in one line (e.g. <c>P95 latency ≤ 500 ms</c>).</summary>
    public string Requirement { get; }

    /// <summary>The slice it judges, or <c>*</c> for every candidate slice.</summary>
    public string Slice { get; }

    /// <summary>The declaring file, relative to the project directory.</summary>
    public string SourceFile { get; }

    /// <summary>The declaring line, 1-based.</summary>
    public int SourceLine { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
