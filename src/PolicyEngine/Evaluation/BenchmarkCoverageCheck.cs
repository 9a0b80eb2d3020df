using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="BenchmarkCoverageAttribute">benchmark-coverage</see> guardrail.</summary>
public static class BenchmarkCoverageCheck
{
    /// <summary>Passes when the candidate has quality results on every required layer; names the layers missing.</summary>
    public static Finding Evaluate(Guardrail guardrail, BenchmarkCoverageSpec spec, FactIndex facts)
    {
        ArgumentNullException.ThrowIfNull(guardrail);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        return GuardrailRun.Safely(guardrail, Slices.All, () =>
        {
            var present = facts.QualityLayers(Role.Candidate);
            // Live quality comes from telemetry, not from the report: it says nothing of the offline stack.
            if (!present.Any(l => l != BenchmarkLayer.Live))
            {
                return Finding.Missing(guardrail, Slices.All, "no evaluation report results for the candidate: the benchmark stack cannot be checked");
            }

            var missing = spec.Layers.Where(l => !present.Contains(l)).ToList();
            var covered = spec.Layers.Count - missing.Count;
            return Finding.Judge(guardrail, missing.Count == 0, Slices.All, covered, spec.Layers.Count, null, missing.Count == 0
                ? $"the evaluation report covers all {spec.Layers.Count} required layers ({string.Join(", ", spec.Layers.Select(LayerName.Of))})"
                : $"the evaluation report covers {covered} of {spec.Layers.Count} required layers; missing: {string.Join(", ", missing.Select(LayerName.Of))} — an averaged score can hide a layer nobody ran");
        });
    }
}
