using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="CostCeilingAttribute">cost ceiling</see>.</summary>
public static class CostCeilingCheck
{
    /// <summary>Judges the candidate's telemetry on the guardrail's slice.</summary>
    public static Finding Evaluate(Guardrail guardrail, CostCeilingSpec spec, FactIndex facts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        return Judge(guardrail, facts.Telemetry(Role.Candidate, spec.Slice), spec.Metric, spec.Max);
    }

    private static Finding Judge(Guardrail guardrail, IEnumerable<SliceMetrics> candidate, CostMetric metric, double max) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            if (!GuardrailRun.TryTakeOne(guardrail, slice, candidate, "candidate telemetry", out var metrics, out var missing))
            {
                return missing!;
            }

            var (name, value) = metric switch
            {
                CostMetric.UsdPer1MTokens => ("USD per 1M tokens", metrics.UsdPer1MTokens),
                CostMetric.UsdPer1kRequests => ("USD per 1k requests", metrics.UsdPer1kRequests),
                CostMetric.UsdPerCorrectAnswer => ("USD per correct answer", metrics.UsdPerCorrectAnswer),
                _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown cost metric"),
            };
            if (value is null)
            {
                return Finding.Missing(guardrail, slice, $"{name} was not measurable on slice '{slice}' (no cost, token or label data)", metrics.Requests);
            }

            var observed = Checked.Number(value.Value, name);
            var holds = observed <= max;
            var reason = holds
                ? $"{name} {Finding.Format(observed)} is within the {Finding.Format(max)} ceiling"
                : $"{name} {Finding.Format(observed)} exceeds the {Finding.Format(max)} ceiling";
            return Finding.Judge(guardrail, holds, slice, observed, max, metrics.Requests, reason);
        });
}
