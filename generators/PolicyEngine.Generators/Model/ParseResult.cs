namespace PolicyEngine.Generators.Model
{
    /// <summary>
    /// What parsing one policy class produced: its model (null when the class itself is invalid), its
    /// diagnostics, and throwing implementations for the guardrail properties that did not compile (or null).
    /// </summary>
    internal sealed record ParseResult(PolicyModel? Policy, EquatableArray<DiagnosticInfo> Diagnostics, StubModel? Stubs = null);
}
