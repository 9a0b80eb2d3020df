using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="QualityFloorAttribute">quality floor</see>.</summary>
public static class QualityFloorCheck
{
    /// <summary>
    /// Judges the candidate's metric (and, for <see cref="QualityBound.MaxRegression"/>, the baseline's) on the
    /// guardrail's layer and slice.
    /// </summary>
    public static Finding Evaluate(Guardrail guardrail, QualityFloorSpec spec, FactIndex facts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        var baseline = spec.Bound == QualityBound.MaxRegression ? facts.Quality(Role.Baseline, spec.Layer, spec.Slice, spec.Metric) : [];
        return Judge(guardrail, facts.Quality(Role.Candidate, spec.Layer, spec.Slice, spec.Metric), baseline, spec.Metric, spec.HigherIsBetter, spec.Bound, spec.Limit);
    }

    private static Finding Judge(
        Guardrail guardrail,
        IEnumerable<QualityMetric> candidate,
        IEnumerable<QualityMetric> baseline,
        string metric,
        bool higherIsBetter,
        QualityBound bound,
        double limit) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            if (!GuardrailRun.TryTakeOne(guardrail, slice, candidate, $"candidate {metric}", out var cand, out var missing))
            {
                return missing!;
            }

            var value = Checked.Number(cand.Value, $"candidate {metric}");
            switch (bound)
            {
                case QualityBound.Min:
                    return Finding.Judge(guardrail, value >= limit, slice, value, limit, cand.Samples,
                        $"{metric} {Finding.Format(value)} {(value >= limit ? "meets" : "is below")} the floor of {Finding.Format(limit)}");
                case QualityBound.Max:
                    return Finding.Judge(guardrail, value <= limit, slice, value, limit, cand.Samples,
                        $"{metric} {Finding.Format(value)} {(value <= limit ? "is within" : "exceeds")} the maximum of {Finding.Format(limit)}");
                case QualityBound.MaxRegression:
                    if (!GuardrailRun.TryTakeOne(guardrail, slice, baseline, $"baseline {metric}", out var basis, out missing))
                    {
                        return missing!;
                    }

                    var reference = Checked.Number(basis.Value, $"baseline {metric}");
                    var regression = higherIsBetter ? reference - value : value - reference;
                    var holds = regression <= limit;
                    return Finding.Judge(guardrail, holds, slice, value, limit, cand.Samples,
                        $"{metric} {Finding.Format(value)} vs baseline {Finding.Format(reference)}: " +
                        (holds ? $"within the allowed regression of {Finding.Format(limit)}" : $"regressed by {Finding.Format(regression)}, more than {Finding.Format(limit)}"));
                default:
                    throw new ArgumentOutOfRangeException(nameof(bound), bound, "unknown quality bound");
            }
        });
}
