namespace PolicyEngine.Statistics;

/// <summary>
/// The Hodges–Lehmann estimate of the shift between two samples — the median of all candidate − baseline
/// differences — with its distribution-free confidence interval (Moses): the order statistics of those
/// differences at the Mann–Whitney critical values. Exact for small samples without ties, else normal.
/// </summary>
/// <remarks>
/// The n₁ × n₂ differences are never built: an order statistic is found by bisecting over the doubles
/// themselves (at most 64 steps, in their bit order) and counting, with two pointers over the sorted samples,
/// how many differences lie at or below the midpoint. Each step is O(n₁ + n₂), so a million samples a side
/// costs seconds, not a trillion-element sort, and the answer is the exact order statistic.
/// </remarks>
public static class HodgesLehmann
{
    /// <summary>The shift of <paramref name="candidate"/> over <paramref name="baseline"/> and its <paramref name="confidence"/> interval.</summary>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN or infinity.</exception>
    public static ShiftEstimate Shift(IReadOnlyList<double> candidate, IReadOnlyList<double> baseline, double confidence = 0.95)
    {
        MannWhitney.Check(candidate, nameof(candidate));
        MannWhitney.Check(baseline, nameof(baseline));
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a confidence strictly between 0 and 1");
        }

        var c = candidate.ToArray();
        var b = baseline.ToArray();
        Array.Sort(c);
        Array.Sort(b);
        int n1 = c.Length, n2 = b.Length;
        var pairs = (long)n1 * n2;
        var estimate = pairs % 2 == 1
            ? OrderStatistic(c, b, (pairs + 1) / 2)
            : (OrderStatistic(c, b, pairs / 2) + OrderStatistic(c, b, (pairs / 2) + 1)) / 2;

        var alpha = 1 - confidence;
        long lowerIndex;
        if (!HasTies(c, b) && n1 <= RankSumDistribution.ExactLimit && n2 <= RankSumDistribution.ExactLimit)
        {
            lowerIndex = Math.Max(1, new RankSumDistribution(n1, n2).Quantile(alpha / 2));
        }
        else
        {
            var spread = Normal.Quantile(1 - (alpha / 2)) * Math.Sqrt(n1 * (double)n2 * (n1 + n2 + 1) / 12);
            lowerIndex = Math.Max(1, (long)Math.Floor((pairs / 2.0) - spread));
        }

        var upperIndex = Math.Min(pairs - lowerIndex + 1, pairs);
        return new ShiftEstimate(estimate, OrderStatistic(c, b, lowerIndex), OrderStatistic(c, b, upperIndex), confidence);
    }

    /// <summary>The <paramref name="k"/>-th smallest (1-based) of every c[i] − b[j], both arrays sorted.</summary>
    internal static double OrderStatistic(double[] c, double[] b, long k)
    {
        // The count of differences at or below t only steps at a difference, so the smallest double t whose
        // count reaches k is the k-th difference itself, exactly as the subtraction computes it.
        long low = Ordered(c[0] - b[^1]), high = Ordered(c[^1] - b[0]);
        while (low < high)
        {
            var middle = (low >> 1) + (high >> 1) + (low & high & 1);
            if (AtMost(c, b, FromOrdered(middle)) >= k)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return FromOrdered(low);
    }

    /// <summary>How many c[i] − b[j] are at most <paramref name="t"/>: for each c[i], a suffix of b, which only moves right.</summary>
    private static long AtMost(double[] c, double[] b, double t)
    {
        long count = 0;
        var first = 0;
        foreach (var value in c)
        {
            while (first < b.Length && value - b[first] > t)
            {
                first++;
            }

            count += b.Length - first;
        }

        return count;
    }

    /// <summary>Whether any value occurs twice in the pooled samples, both sorted.</summary>
    private static bool HasTies(double[] c, double[] b)
    {
        for (var i = 1; i < c.Length; i++)
        {
            if (c[i] == c[i - 1])
            {
                return true;
            }
        }

        for (var j = 1; j < b.Length; j++)
        {
            if (b[j] == b[j - 1])
            {
                return true;
            }
        }

        for (int i = 0, j = 0; i < c.Length && j < b.Length;)
        {
            if (c[i] == b[j])
            {
                return true;
            }

            if (c[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    /// <summary>A long that orders as the double does (both zeros map to 0).</summary>
    private static long Ordered(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        return bits >= 0 ? bits : long.MinValue - bits;
    }

    private static double FromOrdered(long ordered) => BitConverter.Int64BitsToDouble(ordered >= 0 ? ordered : long.MinValue - ordered);
}

/// <summary>A location shift and its confidence interval.</summary>
/// <param name="Estimate">The Hodges–Lehmann estimate: candidate − baseline.</param>
/// <param name="Lower">The interval's lower bound.</param>
/// <param name="Upper">The interval's upper bound.</param>
/// <param name="Confidence">The interval's confidence, e.g. 0.95.</param>
public sealed record ShiftEstimate(double Estimate, double Lower, double Upper, double Confidence);
