namespace PolicyEngine.Evaluation;

/// <summary>
/// Samples beyond measure: +∞, what a histogram quantile gives when it falls past the last bucket (docs/canary.md,
/// "Distribution thresholds"). They are the slowest samples there are, not "not a number": removing them would
/// leave a candidate whose tail went off the scale looking as fast as its finite samples. A test on ranks and
/// shifts cannot size them, so they decide what they can and nothing passes on them.
/// </summary>
internal static class BeyondMeasure
{
    /// <summary>
    /// The finding +∞ samples force, or null when there are none: fail when the candidate has a larger share of them
    /// than the baseline and the guardrail limits an increase; otherwise inconclusive — the shift cannot be sized.
    /// </summary>
    public static Finding? Judge(Guardrail guardrail, string slice, string metric, IReadOnlyList<double> candidate, IReadOnlyList<double> baseline, bool limitsIncrease, double? limit)
    {
        var (c, b) = (candidate.Count(double.IsPositiveInfinity), baseline.Count(double.IsPositiveInfinity));
        if (c == 0 && b == 0)
        {
            return null;
        }

        var counts = $"{metric}: {c} of {candidate.Count} candidate and {b} of {baseline.Count} baseline samples are beyond measure (+Inf: past the histogram's last bucket)";
        var samples = Math.Min(candidate.Count, baseline.Count);
        return limitsIncrease && c * (double)baseline.Count > b * (double)candidate.Count
            ? Finding.Of(guardrail, Outcome.Fail, slice, double.PositiveInfinity, limit, samples, $"{counts}: more of the candidate's requests are slower than anything measured — an increase beyond any limit")
            : Finding.Missing(guardrail, slice, $"{counts}: a shift cannot be sized past the last bucket; widen the histogram's buckets", samples);
    }
}
