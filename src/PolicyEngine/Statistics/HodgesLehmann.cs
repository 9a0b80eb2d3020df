namespace PolicyEngine.Statistics;

/// <summary>
/// The Hodges–Lehmann estimate of the shift between two samples — the median of all candidate − baseline
/// differences — with its distribution-free confidence interval (Moses): the order statistics of those
/// differences at the Mann–Whitney critical values. Exact for small samples without ties, else normal.
/// </summary>
public static class HodgesLehmann
{
    /// <summary>Pairwise differences are n₁ × n₂; callers sample larger inputs down to stay under this.</summary>
    public const long MaxPairs = 4_000_000;

    /// <summary>The shift of <paramref name="candidate"/> over <paramref name="baseline"/> and its <paramref name="confidence"/> interval.</summary>
    /// <exception cref="ArgumentException">A sample is empty, holds NaN or infinity, or the samples make more than <see cref="MaxPairs"/> pairs.</exception>
    public static ShiftEstimate Shift(IReadOnlyList<double> candidate, IReadOnlyList<double> baseline, double confidence = 0.95)
    {
        MannWhitney.Check(candidate, nameof(candidate));
        MannWhitney.Check(baseline, nameof(baseline));
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a confidence strictly between 0 and 1");
        }

        int n1 = candidate.Count, n2 = baseline.Count;
        var pairs = (long)n1 * n2;
        if (pairs > MaxPairs)
        {
            throw new ArgumentException($"{n1} × {n2} pairs exceed {MaxPairs}; sample the inputs down first");
        }

        var differences = new double[pairs];
        var k = 0;
        foreach (var c in candidate)
        {
            foreach (var b in baseline)
            {
                differences[k++] = c - b;
            }
        }

        Array.Sort(differences);
        var middle = differences.Length / 2;
        var estimate = differences.Length % 2 == 1 ? differences[middle] : (differences[middle - 1] + differences[middle]) / 2;

        var alpha = 1 - confidence;
        var ties = candidate.Concat(baseline).GroupBy(v => v).Any(g => g.Count() > 1);
        int lowerIndex;
        if (!ties && n1 <= RankSumDistribution.ExactLimit && n2 <= RankSumDistribution.ExactLimit)
        {
            lowerIndex = Math.Max(1, new RankSumDistribution(n1, n2).Quantile(alpha / 2));
        }
        else
        {
            var spread = Normal.Quantile(1 - (alpha / 2)) * Math.Sqrt(n1 * (double)n2 * (n1 + n2 + 1) / 12);
            lowerIndex = Math.Max(1, (int)Math.Floor((pairs / 2.0) - spread));
        }

        var upperIndex = (int)(pairs - lowerIndex + 1);
        return new ShiftEstimate(estimate, differences[lowerIndex - 1], differences[Math.Min(upperIndex, differences.Length) - 1], confidence);
    }
}

/// <summary>A location shift and its confidence interval.</summary>
/// <param name="Estimate">The Hodges–Lehmann estimate: candidate − baseline.</param>
/// <param name="Lower">The interval's lower bound.</param>
/// <param name="Upper">The interval's upper bound.</param>
/// <param name="Confidence">The interval's confidence, e.g. 0.95.</param>
public sealed record ShiftEstimate(double Estimate, double Lower, double Upper, double Confidence);
