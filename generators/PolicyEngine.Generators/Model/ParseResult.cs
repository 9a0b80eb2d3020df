namespace PolicyEngine.Generators.Model
{
    /// <summary>What parsing one policy class produced: its model (null when the class itself is invalid) and its diagnostics.</summary>
    internal sealed record ParseResult(PolicyModel? Policy, EquatableArray<DiagnosticInfo> Diagnostics);
}
