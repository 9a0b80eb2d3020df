namespace PolicyEngine;

/// <summary>What every guardrail declares, whatever its kind.</summary>
public abstract class GuardrailDeclarationAttribute : Attribute
{
    /// <summary>
    /// Overrides the last part of the id, which is otherwise the member name in kebab case
    /// (<c>InteractiveP95</c> → <c>interactive-p95</c>). Audits and waivers cite the id: keep it stable.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>What a failure does to the decision. Defaults to <see cref="PolicyEngine.Severity.Block"/>.</summary>
    public Severity Severity { get; set; } = Severity.Block;

    /// <summary>The stages the guardrail applies to. Defaults to every stage; rollback thresholds default to canary.</summary>
    public Stages Stages { get; set; } = Stages.All;

    /// <summary>The levers the guardrail applies to: a release pulling another is not judged by it. Defaults to every lever.</summary>
    public Levers Levers { get; set; } = Levers.All;

    /// <summary>What the finding is when the facts are missing or too few. Defaults to inconclusive.</summary>
    public MissingData WhenMissing { get; set; } = MissingData.Inconclusive;

    /// <summary>Overrides the policy's owner for this guardrail.</summary>
    public string? Owner { get; set; }
}
