namespace PolicyEngine.Statistics;

/// <summary>
/// The exact null distribution of the Mann–Whitney U statistic for samples of sizes n₁ and n₂ without ties:
/// the number of arrangements giving each U, by the recurrence f(n₁, n₂, u) = f(n₁−1, n₂, u−n₂) + f(n₁, n₂−1, u).
/// </summary>
public sealed class RankSumDistribution
{
    /// <summary>Sample sizes up to which the exact distribution is used (both at most this).</summary>
    public const int ExactLimit = 50;

    private readonly double[] _cumulative;

    /// <summary>Builds the distribution for sizes <paramref name="n1"/> and <paramref name="n2"/>.</summary>
    public RankSumDistribution(int n1, int n2)
    {
        if (n1 < 1 || n2 < 1 || n1 > ExactLimit || n2 > ExactLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(n1), $"sizes 1 to {ExactLimit}, got {n1} and {n2}");
        }

        // counts[a][u] over a = 0..n1 items of the first sample, built up one item of the second sample at a time.
        var max = n1 * n2;
        var counts = new double[n1 + 1][];
        for (var a = 0; a <= n1; a++)
        {
            counts[a] = new double[max + 1];
        }

        for (var a = 0; a <= n1; a++)
        {
            // With no item of the second sample, every arrangement of a items has U = 0.
            counts[a][0] = 1;
        }
        for (var b = 1; b <= n2; b++)
        {
            var next = new double[n1 + 1][];
            for (var a = 0; a <= n1; a++)
            {
                next[a] = new double[max + 1];
                for (var u = 0; u <= a * b; u++)
                {
                    // The largest value belongs to the first sample (it beats all b of the second) or to the second.
                    var fromFirst = a > 0 && u - b >= 0 ? next[a - 1][u - b] : 0;
                    var fromSecond = counts[a][u];
                    next[a][u] = fromFirst + fromSecond;
                }
            }

            counts = next;
        }

        var total = counts[n1].Sum();
        _cumulative = new double[max + 1];
        var running = 0.0;
        for (var u = 0; u <= max; u++)
        {
            running += counts[n1][u];
            _cumulative[u] = running / total;
        }
    }

    /// <summary>P(U ≤ <paramref name="u"/>).</summary>
    public double Cdf(double u) => u < 0 ? 0 : u >= _cumulative.Length - 1 ? 1 : _cumulative[(int)Math.Floor(u)];

    /// <summary>The smallest u with P(U ≤ u) ≥ <paramref name="p"/>.</summary>
    public int Quantile(double p)
    {
        for (var u = 0; u < _cumulative.Length; u++)
        {
            if (_cumulative[u] >= p - 1e-12)
            {
                return u;
            }
        }

        return _cumulative.Length - 1;
    }
}
