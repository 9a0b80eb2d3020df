namespace PolicyEngine.Statistics;

/// <summary>
/// The Mann–Whitney U test (Wilcoxon rank-sum) of a candidate sample against a baseline sample: whether one
/// tends to be larger, without assuming a distribution. Exact for small samples without ties; otherwise the
/// normal approximation with tie correction and continuity correction (as R's <c>wilcox.test</c> does).
/// </summary>
public static class MannWhitney
{
    /// <summary>Tests <paramref name="candidate"/> against <paramref name="baseline"/>.</summary>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN or infinity: the caller's NaN policy decides first.</exception>
    public static MannWhitneyResult Test(IReadOnlyList<double> candidate, IReadOnlyList<double> baseline)
    {
        Check(candidate, nameof(candidate));
        Check(baseline, nameof(baseline));
        int n1 = candidate.Count, n2 = baseline.Count, n = n1 + n2;
        var c = candidate.ToArray();
        var b = baseline.ToArray();
        Array.Sort(c);
        Array.Sort(b);

        // Walk both sorted samples as one: tied values share the mean of the ranks they span (midranks), and
        // Σ(t³ − t) over each run of ties feeds the variance's tie correction.
        double rankSum = 0, tieTerm = 0;
        long ranked = 0;
        for (int i = 0, j = 0; i < n1 || j < n2;)
        {
            var value = j == n2 || (i < n1 && c[i] <= b[j]) ? c[i] : b[j];
            int inC = 0, inB = 0;
            while (i < n1 && c[i] == value)
            {
                i++;
                inC++;
            }

            while (j < n2 && b[j] == value)
            {
                j++;
                inB++;
            }

            double t = inC + inB;
            rankSum += inC * (ranked + ((t + 1) / 2));
            tieTerm += (t * t * t) - t;
            ranked += inC + inB;
        }

        var u = rankSum - (n1 * (n1 + 1) / 2.0);
        var mean = n1 * (double)n2 / 2;
        var variance = n1 * (double)n2 / 12 * ((n + 1) - (tieTerm / (n * (double)(n - 1))));
        var sd = Math.Sqrt(Math.Max(variance, 0));
        var z = sd == 0 ? 0 : (u - mean - (0.5 * Math.Sign(u - mean))) / sd;
        var exact = tieTerm == 0 && n1 <= RankSumDistribution.ExactLimit && n2 <= RankSumDistribution.ExactLimit;
        double p;
        if (exact)
        {
            var distribution = new RankSumDistribution(n1, n2);
            p = Math.Min(1, 2 * Math.Min(distribution.Cdf(u), 1 - distribution.Cdf(u - 1)));
        }
        else
        {
            p = sd == 0 ? 1 : Math.Min(1, 2 * (1 - Normal.Cdf(Math.Abs(z))));
        }

        return new MannWhitneyResult(u, z, p, exact, u / (n1 * (double)n2), z / Math.Sqrt(n), n1, n2);
    }

    /// <summary>Refuses what no rank test can order.</summary>
    internal static void Check(IReadOnlyList<double> sample, string name)
    {
        ArgumentNullException.ThrowIfNull(sample, name);
        if (sample.Count == 0)
        {
            throw new ArgumentException("the sample is empty", name);
        }

        if (sample.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("the sample holds NaN or infinity", name);
        }
    }
}

/// <summary>What the Mann–Whitney test found.</summary>
/// <param name="U">The U statistic of the candidate: pairs where the candidate is larger, ties counting half.</param>
/// <param name="Z">The standardized statistic (continuity- and tie-corrected); 0 when every value is tied.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Exact">Whether the p-value is from the exact distribution (no ties, both samples ≤ 50).</param>
/// <param name="ProbabilityOfSuperiority">U ÷ (n₁ n₂): the chance a candidate value exceeds a baseline value (ties half); 0.5 is no effect.</param>
/// <param name="EffectSize">r = Z ÷ √(n₁ + n₂).</param>
/// <param name="CandidateCount">n₁.</param>
/// <param name="BaselineCount">n₂.</param>
public sealed record MannWhitneyResult(double U, double Z, double PValue, bool Exact, double ProbabilityOfSuperiority, double EffectSize, int CandidateCount, int BaselineCount);
