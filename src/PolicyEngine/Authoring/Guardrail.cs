namespace PolicyEngine;

/// <summary>
/// A guardrail as the generator compiled it: its id, what it demands (<see cref="Spec"/>), who owns it and
/// why. The generator emits one per guardrail member, every value by name; the catalog and the findings refer to it.
/// </summary>
public sealed class Guardrail
{
    /// <summary>The stable id, <c>policy/guardrail</c>, that audits and waivers cite.</summary>
    public required string Id { get; init; }

    /// <summary>The policy name.</summary>
    public required string Policy { get; init; }

    /// <summary>The C# member that declares the guardrail.</summary>
    public required string Member { get; init; }

    /// <summary>The kind of guardrail.</summary>
    public required GuardrailKind Kind { get; init; }

    /// <summary>What the guardrail demands, as typed values; its check takes it.</summary>
    public required Specs.GuardrailSpec Spec { get; init; }

    /// <summary>What a failure does to the decision.</summary>
    public Severity Severity { get; init; }

    /// <summary>The stages it applies to.</summary>
    public required Stages Stages { get; init; }

    /// <summary>The levers it applies to.</summary>
    public Levers Levers { get; init; } = Levers.All;

    /// <summary>What missing or too few facts make of its finding.</summary>
    public MissingData WhenMissing { get; init; }

    /// <summary>Who answers for it.</summary>
    public required string Owner { get; init; }

    /// <summary>Why it exists: the member's XML doc summary.</summary>
    public string Rationale { get; init; } = "";

    /// <summary>What it demands, in one line (e.g. <c>P95 latency ≤ 500 ms</c>).</summary>
    public required string Requirement { get; init; }

    /// <summary>The slice it judges, or <c>*</c> for every candidate slice.</summary>
    public string Slice => Spec.Slice;

    /// <summary>The declaring file, relative to the project directory.</summary>
    public string SourceFile { get; init; } = "";

    /// <summary>The declaring line, 1-based.</summary>
    public int SourceLine { get; init; }

    /// <summary>How a canary watch measures this guardrail, when it declares it (rollback thresholds); else null.</summary>
    public Evaluation.MeasurementRules? Measurement { get; init; }

    /// <summary>The metric group the guardrail scores in (<see cref="MetricGroupAttribute"/>), or null when it decides alone.</summary>
    public string? Group { get; init; }

    /// <summary>Whether its failure vetoes the decision whatever its group's score.</summary>
    public bool Critical { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
