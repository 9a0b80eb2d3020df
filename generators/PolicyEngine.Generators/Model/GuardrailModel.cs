namespace PolicyEngine.Generators.Model
{
    /// <summary>One valid guardrail declaration.</summary>
    /// <param name="Id">The full id, <c>policy/guardrail</c>.</param>
    /// <param name="Member">The declaring member's name.</param>
    /// <param name="Accessibility">The partial property's accessibility keywords; empty for a custom method.</param>
    /// <param name="Severity">Block, Warn or Info.</param>
    /// <param name="Stages">The stage flags.</param>
    /// <param name="WhenMissing">Inconclusive or Fail.</param>
    /// <param name="Owner">Who owns it.</param>
    /// <param name="Rationale">The XML doc summary, whitespace collapsed.</param>
    /// <param name="Location">Where it is declared.</param>
    /// <param name="Spec">What it demands.</param>
    /// <param name="Levers">The levers it applies to.</param>
    internal sealed record GuardrailModel(
        string Id,
        string Member,
        string Accessibility,
        Severity Severity,
        Stages Stages,
        MissingData WhenMissing,
        string Owner,
        string Rationale,
        LocationInfo Location,
        GuardrailSpec Spec,
        Levers Levers = Levers.All);
}
