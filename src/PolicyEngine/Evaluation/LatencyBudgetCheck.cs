using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="LatencyBudgetAttribute">latency budget</see>.</summary>
public static class LatencyBudgetCheck
{
    /// <summary>Judges the candidate's telemetry on the guardrail's slice.</summary>
    public static Finding Evaluate(Guardrail guardrail, LatencyBudgetSpec spec, FactIndex facts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        return Judge(guardrail, facts.Telemetry(Role.Candidate, spec.Slice), spec.Measure, spec.Percentile, spec.MaxMilliseconds);
    }

    private static Finding Judge(Guardrail guardrail, IEnumerable<SliceMetrics> candidate, LatencyMeasure measure, double percentile, double maxMilliseconds) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            if (!GuardrailRun.TryTakeOne(guardrail, slice, candidate, "candidate telemetry", out var metrics, out var missing))
            {
                return missing!;
            }

            var name = $"P{Finding.Format(percentile)} {(measure == LatencyMeasure.Request ? "latency" : "TTFT")}";
            var value = (measure == LatencyMeasure.Request ? metrics.Latency : metrics.Ttft).At(percentile);
            if (metrics.Requests == 0 || value is null)
            {
                return Finding.Missing(guardrail, slice, $"{name} was not measured on slice '{slice}'", metrics.Requests);
            }

            var observed = Checked.Number(value.Value, name);
            var holds = observed <= maxMilliseconds;
            var reason = holds
                ? $"{name} {Finding.Format(observed)} ms is within the {Finding.Format(maxMilliseconds)} ms budget"
                : $"{name} {Finding.Format(observed)} ms exceeds the {Finding.Format(maxMilliseconds)} ms budget";
            return Finding.Judge(guardrail, holds, slice, observed, maxMilliseconds, metrics.Requests, reason);
        });
}
