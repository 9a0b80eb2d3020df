using PolicyEngine.Specs;
using PolicyEngine.Statistics;

namespace PolicyEngine.Evaluation;

/// <summary>
/// Judges a rollback threshold over a whole distribution (latency, TTFT): a Mann–Whitney U test decides whether
/// the candidate's distribution shifted from the baseline's at all; the Hodges–Lehmann estimate says by how much,
/// and that shift is held against the allowed increase and decrease (docs/canary.md).
/// </summary>
public static class DistributionCheck
{
    /// <summary>Compares the candidate's samples with the baseline's on the guardrail's slice.</summary>
    /// <param name="guardrail">The guardrail.</param>
    /// <param name="candidate">The candidate's samples on the slice.</param>
    /// <param name="baseline">The baseline's samples on the slice.</param>
    /// <param name="metric">The metric's name, for the reason line.</param>
    /// <param name="spec">The allowed increase and decrease, the confidence and the NaN policy.</param>
    /// <param name="minSamples">Fewest usable samples each side needs before the comparison is conclusive.</param>
    public static Finding Evaluate(
        Guardrail guardrail,
        IReadOnlyList<MetricSamples> candidate,
        IReadOnlyList<MetricSamples> baseline,
        string metric,
        DistributionSpec spec,
        int minSamples)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Judge(guardrail, candidate, baseline, metric, spec.Increase, spec.Decrease, minSamples, spec.Confidence, spec.WhenNaN);
    }

    private static Finding Judge(
        Guardrail guardrail,
        IReadOnlyList<MetricSamples> candidate,
        IReadOnlyList<MetricSamples> baseline,
        string metric,
        ShiftLimit? increase,
        ShiftLimit? decrease,
        int minSamples,
        double confidence,
        NaNPolicy whenNaN) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            if (!GuardrailRun.TryTakeOne(guardrail, slice, candidate, $"candidate {metric} samples", out var cand, out var missing)
                || !GuardrailRun.TryTakeOne(guardrail, slice, baseline, $"baseline {metric} samples", out var basis, out missing))
            {
                return missing!;
            }

            if (BeyondMeasure.Judge(guardrail, slice, metric, cand.Values, basis.Values, increase is not null, increase?.Limit) is { } beyond)
            {
                return beyond;
            }

            var (candValues, candDropped) = Usable(cand.Values);
            var (baseValues, baseDropped) = Usable(basis.Values);
            var dropped = candDropped + baseDropped;
            if (dropped > 0 && whenNaN == NaNPolicy.Fail)
            {
                return Finding.Of(guardrail, Outcome.Fail, slice, dropped, 0, Math.Min(candValues.Length, baseValues.Length),
                    $"{metric}: {candDropped} candidate and {baseDropped} baseline samples are not numbers; this guardrail fails on any (WhenNaN = Fail)");
            }

            var droppedNote = dropped > 0 ? $" ({candDropped} candidate and {baseDropped} baseline samples not numbers, removed)" : "";
            if (candValues.Length < minSamples || baseValues.Length < minSamples)
            {
                return Finding.Missing(guardrail, slice,
                    $"{metric}: {candValues.Length} candidate and {baseValues.Length} baseline samples{droppedNote}, {minSamples} needed on each side",
                    Math.Min(candValues.Length, baseValues.Length));
            }

            var test = MannWhitney.Test(candValues, baseValues);
            var shift = HodgesLehmann.Shift(candValues, baseValues, confidence);
            var median = LinearPercentile.Of(baseValues.Order().ToArray(), 50);
            var samples = (long)Math.Min(candValues.Length, baseValues.Length);
            var stats = $"{metric} shift {WithSign(shift.Estimate)} ms ({Finding.Format(confidence * 100)} % CI {Finding.Format(shift.Lower)} to {Finding.Format(shift.Upper)}) " +
                        $"over baseline median {Finding.Format(median)} ms, p {P(test.PValue)}, P(candidate > baseline) = {Finding.Format(test.ProbabilityOfSuperiority)}, " +
                        $"n = {test.CandidateCount}/{test.BaselineCount}{droppedNote}";

            // A passing finding reports the shift in the units of the limit it was held against, signed, so the
            // observed column reads the same way whichever way the finding went.
            var unit = increase ?? decrease;
            double Signed(ShiftLimit? l) => l is { Relative: true } && median != 0 ? shift.Estimate / median : shift.Estimate;
            if (test.PValue >= 1 - confidence || shift.Estimate == 0)
            {
                return Finding.Of(guardrail, Outcome.Pass, slice, Signed(unit), unit?.Limit, samples, $"{stats}: no significant shift");
            }

            var up = shift.Estimate > 0;
            if ((up ? increase : decrease) is not { } limit)
            {
                return Finding.Of(guardrail, Outcome.Pass, slice, Signed(unit), null, samples, $"{stats}: {(up ? "an increase" : "a decrease")}, which this guardrail allows");
            }

            var direction = up ? "increase" : "decrease";
            if (limit.Relative && median == 0)
            {
                return Finding.Of(guardrail, Outcome.Fail, slice, shift.Estimate, limit.Limit, samples,
                    $"{stats}: a relative {direction} over a zero baseline median is undefined; give this metric an absolute limit");
            }

            var size = Math.Abs(shift.Estimate);
            var observed = limit.Relative ? size / median : size;
            var holds = observed <= limit.Limit;
            var shown = limit.Relative ? $"{Finding.Format(observed * 100)} %" : $"{Finding.Format(observed)} ms";
            var allowed = limit.Relative ? $"{Finding.Format(limit.Limit * 100)} %" : $"{Finding.Format(limit.Limit)} ms";
            return Finding.Judge(guardrail, holds, slice, observed, limit.Limit, samples,
                $"{stats}: {direction} of {shown} {(holds ? "is within" : "exceeds")} the allowed {allowed}");
        });

    /// <summary>The finite samples, and how many were not numbers (+∞ was judged before: <see cref="BeyondMeasure"/>).</summary>
    private static (double[] Values, int Dropped) Usable(IReadOnlyList<double> values)
    {
        var usable = values.Where(double.IsFinite).ToArray();
        return (usable, values.Count - usable.Length);
    }

    private static string WithSign(double value) => (value > 0 ? "+" : "") + Finding.Format(value);

    // The normal tail underflows to 0 for huge shifts; "p = 0" would claim certainty the arithmetic does not have.
    private static string P(double p) => p switch
    {
        < 1e-15 => "< 1e-15",
        < 0.0001 => "= " + p.ToString("0.##e+0", System.Globalization.CultureInfo.InvariantCulture),
        _ => "= " + Finding.Format(p),
    };
}
