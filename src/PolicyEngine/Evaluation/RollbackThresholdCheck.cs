namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="RollbackThresholdAttribute">rollback threshold</see>.</summary>
public static class RollbackThresholdCheck
{
    /// <summary>Compares the candidate's metric with the baseline's on the guardrail's slice.</summary>
    /// <param name="guardrail">The guardrail.</param>
    /// <param name="candidate">The candidate's telemetry on the slice.</param>
    /// <param name="baseline">The baseline's telemetry on the slice.</param>
    /// <param name="metric">The metric's name, for the reason line.</param>
    /// <param name="read">Reads the metric from telemetry.</param>
    /// <param name="samples">Reads how many samples the metric rests on.</param>
    /// <param name="change">How the change is limited.</param>
    /// <param name="limit">The limit.</param>
    /// <param name="minSamples">Fewest samples each side needs.</param>
    public static Finding Evaluate(
        Guardrail guardrail,
        IEnumerable<SliceMetrics> candidate,
        IEnumerable<SliceMetrics> baseline,
        string metric,
        Func<SliceMetrics, double?> read,
        Func<SliceMetrics, long> samples,
        ChangeLimit change,
        double limit,
        int minSamples) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            if (!GuardrailRun.TryTakeOne(guardrail, slice, candidate, "candidate telemetry", out var cand, out var missing)
                || !GuardrailRun.TryTakeOne(guardrail, slice, baseline, "baseline telemetry", out var basis, out missing))
            {
                return missing!;
            }

            long candidateSamples = samples(cand), baselineSamples = samples(basis);
            if (candidateSamples < minSamples || baselineSamples < minSamples)
            {
                return Finding.Missing(guardrail, slice,
                    $"{metric}: {candidateSamples} candidate and {baselineSamples} baseline samples, {minSamples} needed on each side",
                    Math.Min(candidateSamples, baselineSamples));
            }

            if (read(cand) is not { } candValue || read(basis) is not { } baseValue)
            {
                return Finding.Missing(guardrail, slice, $"{metric} was not measured for both candidate and baseline", candidateSamples);
            }

            var value = Checked.Number(candValue, $"candidate {metric}");
            var reference = Checked.Number(baseValue, $"baseline {metric}");
            var increase = change is ChangeLimit.RelativeIncrease or ChangeLimit.AbsoluteIncrease;
            var worsening = increase ? value - reference : reference - value;
            var relative = change is ChangeLimit.RelativeIncrease or ChangeLimit.RelativeDecrease;
            var direction = increase ? "increase" : "decrease";
            var compared = $"{metric} {Finding.Format(value)} vs baseline {Finding.Format(reference)}";

            if (relative && reference == 0)
            {
                // A relative change against zero is undefined, even from zero to zero: nothing was compared, so
                // nothing passes. An absolute limit is what a metric that can be zero needs.
                return Finding.Of(guardrail, Outcome.Fail, slice, value, limit, candidateSamples,
                    $"{compared}: a relative {direction} from a zero baseline is undefined; give this metric an absolute limit (MaxAbsolute{(increase ? "Increase" : "Decrease")})");
            }

            var observed = relative ? worsening / Math.Abs(reference) : worsening;
            var holds = observed <= limit;
            var shown = relative ? $"{Finding.Format(observed * 100)} %" : Finding.Format(observed);
            var allowed = relative ? $"{Finding.Format(limit * 100)} %" : Finding.Format(limit);
            return Finding.Judge(guardrail, holds, slice, observed, limit, candidateSamples,
                $"{compared}: {direction} of {shown} {(holds ? "is within" : "exceeds")} the allowed {allowed}");
        });
}
