using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="ProbeBudgetAttribute">probe budget</see>.</summary>
public static class ProbeBudgetCheck
{
    /// <summary>Judges the probe's measurement at the spec's batch size.</summary>
    public static Finding Evaluate(Guardrail guardrail, ProbeBudgetSpec spec, IEnumerable<ProbeMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Judge(guardrail, measurements, spec.BatchSize, spec.Provider, spec.Limit, spec.Percentile, spec.Threshold);
    }

    private static Finding Judge(
        Guardrail guardrail,
        IEnumerable<ProbeMeasurement> measurements,
        int batchSize,
        ExecutionProvider requiredProvider,
        ProbeLimit limit,
        double percentile,
        double threshold) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            var subject = $"batch {batchSize}";
            if (!GuardrailRun.TryTakeOne(guardrail, slice, measurements.Where(m => m.BatchSize == batchSize), $"probe measurement at {subject}", out var m, out var missing))
            {
                return missing!;
            }

            if (!m.Complete)
            {
                return Finding.Missing(guardrail, slice, $"the probe at {subject} was stopped before it finished");
            }

            if (requiredProvider != ExecutionProvider.Any && m.Provider != requiredProvider)
            {
                return Finding.Of(guardrail, Outcome.Fail, slice, null, null, null,
                    $"the probe at {subject} ran on {m.Provider}; this budget requires {requiredProvider}");
            }

            switch (limit)
            {
                case ProbeLimit.ProviderOnly:
                    return Finding.Of(guardrail, Outcome.Pass, slice, null, null, null, $"the probe at {subject} ran on {m.Provider}");
                case ProbeLimit.MaxLatency:
                    var latency = Checked.Number(percentile switch
                    {
                        50 => m.P50Milliseconds,
                        95 => m.P95Milliseconds,
                        99 => m.P99Milliseconds,
                        _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "the probe measures P50, P95 and P99"),
                    }, "probe latency");
                    return Finding.Judge(guardrail, latency <= threshold, slice, latency, threshold, null,
                        $"P{Finding.Format(percentile)} at {subject} on {m.Provider}: {Finding.Format(latency)} ms {(latency <= threshold ? "is within" : "exceeds")} the {Finding.Format(threshold)} ms budget");
                case ProbeLimit.MinThroughput:
                    var throughput = Checked.Number(m.Throughput, "probe throughput");
                    return Finding.Judge(guardrail, throughput >= threshold, slice, throughput, threshold, null,
                        $"throughput at {subject} on {m.Provider}: {Finding.Format(throughput)} items/s {(throughput >= threshold ? "meets" : "is below")} the minimum of {Finding.Format(threshold)}");
                case ProbeLimit.MinAgreement:
                    if (m.Agreement is not { } agreement)
                    {
                        return Finding.Missing(guardrail, slice, $"the probe at {subject} measured no agreement: no baseline model was given");
                    }

                    agreement = Checked.Number(agreement, "probe agreement");
                    return Finding.Judge(guardrail, agreement >= threshold, slice, agreement, threshold, null,
                        $"argmax agreement with the baseline at {subject}: {Finding.Format(agreement)} {(agreement >= threshold ? "meets" : "is below")} the minimum of {Finding.Format(threshold)}");
                case ProbeLimit.MaxUsdPer1kInferences:
                    if (m.UsdPer1kInferences is not { } cost)
                    {
                        return Finding.Missing(guardrail, slice, $"the probe at {subject} computed no cost: no GPU price was given");
                    }

                    cost = Checked.Number(cost, "probe cost");
                    return Finding.Judge(guardrail, cost <= threshold, slice, cost, threshold, null,
                        $"USD per 1k inferences at {subject}: {Finding.Format(cost)} {(cost <= threshold ? "is within" : "exceeds")} the ceiling of {Finding.Format(threshold)}");
                default:
                    throw new ArgumentOutOfRangeException(nameof(limit), limit, "unknown probe limit");
            }
        });
}
