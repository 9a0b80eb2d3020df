using PolicyEngine.Statistics;

namespace PolicyEngine.Tests;

/// <summary>The rank statistics against references computed independently: textbook values and brute-force enumeration of every arrangement.</summary>
[TestClass]
public sealed class StatisticsTests
{
    // Hollander & Wolfe's permeability example, as in R's ?wilcox.test: W = 35, one-sided p = 0.1272.
    private static readonly double[] X = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] Y = [1.15, 0.88, 0.90, 0.74, 1.21];

    [TestMethod]
    public void TextbookExample_MatchesPublishedStatistic_AndBruteForceExactP()
    {
        var result = MannWhitney.Test(X, Y);

        Assert.AreEqual(35, result.U);
        Assert.IsTrue(result.Exact);
        Assert.AreEqual(0.2544, result.PValue, 5e-5, "twice R's one-sided 0.1272");
        Assert.AreEqual(BruteForce.TwoSidedP(X, Y), result.PValue, 1e-12);
        Assert.AreEqual(35.0 / 50, result.ProbabilityOfSuperiority, 1e-12);
    }

    [TestMethod]
    public void CompletelySeparatedSamples_ExactPIsTwoOverChoose()
    {
        var result = MannWhitney.Test([1, 2, 3], [4, 5, 6]);

        Assert.AreEqual(0, result.U);
        Assert.AreEqual(2.0 / 20, result.PValue, 1e-12, "one arrangement in C(6,3) = 20 is this extreme, on each side");
        Assert.AreEqual(0, result.ProbabilityOfSuperiority);
    }

    [TestMethod]
    public void IdenticalSamples_ShowNoEffect()
    {
        double[] sample = [12, 15, 11, 19, 14, 13, 18, 16, 17, 20];

        var result = MannWhitney.Test(sample, sample);

        Assert.AreEqual(50, result.U);
        Assert.AreEqual(0.5, result.ProbabilityOfSuperiority);
        Assert.AreEqual(1, result.PValue, 1e-7, "the normal CDF is accurate to about 1e-7");
        Assert.AreEqual(0, result.Z);
    }

    [TestMethod]
    public void ConstantSamples_AreAllTies_PIsOne()
    {
        var result = MannWhitney.Test([5, 5, 5, 5], [5, 5, 5]);

        Assert.AreEqual(6, result.U);
        Assert.AreEqual(0, result.Z);
        Assert.AreEqual(1, result.PValue);
        Assert.IsFalse(result.Exact);
    }

    [TestMethod]
    public void Ties_UCountsHalfPairs_AndVarianceMatchesThePermutationVariance()
    {
        double[] candidate = [1, 2, 2, 3, 7];
        double[] baseline = [2, 3, 4, 4, 5, 2];

        var result = MannWhitney.Test(candidate, baseline);

        var pairs = candidate.Sum(c => baseline.Sum(b => c > b ? 1.0 : c == b ? 0.5 : 0));
        Assert.AreEqual(pairs, result.U, 1e-12);
        var (mean, variance) = BruteForce.UMoments(candidate, baseline);
        Assert.AreEqual(candidate.Length * baseline.Length / 2.0, mean, 1e-9);
        var corrected = result.U - mean - (0.5 * Math.Sign(result.U - mean));
        Assert.AreEqual(corrected / Math.Sqrt(variance), result.Z, 1e-9, "the tie-corrected variance is the exact permutation variance");
    }

    [TestMethod]
    public void ClearUpwardShift_IsSignificant_AndEstimatedByHodgesLehmann()
    {
        var random = new Random(7);
        var baseline = Enumerable.Range(0, 40).Select(_ => 200 + (random.NextDouble() * 100)).ToArray();
        var candidate = Enumerable.Range(0, 40).Select(_ => 260 + (random.NextDouble() * 100)).ToArray();

        var test = MannWhitney.Test(candidate, baseline);
        var shift = HodgesLehmann.Shift(candidate, baseline);

        Assert.IsLessThan(1e-6, test.PValue);
        Assert.IsGreaterThan(0.8, test.ProbabilityOfSuperiority);
        Assert.AreEqual(BruteForce.MedianOfDifferences(candidate, baseline), shift.Estimate, 1e-12);
        Assert.IsTrue(shift.Lower > 30 && shift.Lower < 60 && shift.Upper > 60 && shift.Upper < 90, $"[{shift.Lower}, {shift.Upper}] brackets the true shift of 60");
    }

    [TestMethod]
    public void ShiftInterval_SmallSamples_UsesTheExactCriticalValue()
    {
        var shift = HodgesLehmann.Shift(X, Y, 0.95);

        var differences = X.SelectMany(x => Y.Select(y => x - y)).Order().ToArray();
        var k = BruteForce.LowerCriticalIndex(X.Length, Y.Length, 0.025);
        Assert.AreEqual(BruteForce.MedianOfDifferences(X, Y), shift.Estimate, 1e-12);
        Assert.AreEqual(differences[k - 1], shift.Lower, 1e-12);
        Assert.AreEqual(differences[differences.Length - k], shift.Upper, 1e-12);
        Assert.IsTrue(shift.Lower < shift.Estimate && shift.Estimate < shift.Upper);
    }

    [TestMethod]
    [DataRow(300, 257, true)]
    [DataRow(120, 97, false)]
    public void ShiftAndInterval_OfLargerSamples_AreTheExactOrderStatisticsOfEveryDifference(int n1, int n2, bool tied)
    {
        // The differences are found by bisection and counting, never listed; here they are listed and sorted.
        var random = new Random(n1);
        double Draw(double low, double width) => tied ? Math.Round(low + (random.NextDouble() * width)) : low + (random.NextDouble() * width);
        var candidate = Enumerable.Range(0, n1).Select(_ => Draw(-10, 50)).ToArray();
        var baseline = Enumerable.Range(0, n2).Select(_ => Draw(0, 40)).ToArray();

        var shift = HodgesLehmann.Shift(candidate, baseline, 0.9);

        var differences = candidate.SelectMany(c => baseline.Select(b => c - b)).Order().ToArray();
        var k = (int)Math.Floor((differences.Length / 2.0) - (Normal.Quantile(0.95) * Math.Sqrt(n1 * (double)n2 * (n1 + n2 + 1) / 12)));
        Assert.AreEqual(BruteForce.MedianOfDifferences(candidate, baseline), shift.Estimate);
        Assert.AreEqual(differences[k - 1], shift.Lower);
        Assert.AreEqual(differences[differences.Length - k], shift.Upper);
    }

    [TestMethod]
    public void Ranks_OfLargerTiedSamples_MatchAPlainMidrankComputation()
    {
        var random = new Random(11);
        var candidate = Enumerable.Range(0, 500).Select(_ => (double)random.Next(0, 40)).ToArray();
        var baseline = Enumerable.Range(0, 400).Select(_ => (double)random.Next(5, 45)).ToArray();

        var result = MannWhitney.Test(candidate, baseline);

        // U counts the pairs where the candidate is larger, ties half: straight from its definition.
        var u = candidate.Sum(c => baseline.Sum(b => c > b ? 1.0 : c == b ? 0.5 : 0));
        Assert.AreEqual(u, result.U, 1e-9);
    }

    [TestMethod]
    public void LinearPercentile_MatchesNumpy()
    {
        double[] sorted = [10, 20, 30, 40];

        // numpy.percentile([10, 20, 30, 40], [0, 50, 90, 95, 99, 100]) = 10, 25, 37, 38.5, 39.7, 40
        double[] expected = [10, 25, 37, 38.5, 39.7, 40];
        double[] percentiles = [0, 50, 90, 95, 99, 100];
        for (var i = 0; i < percentiles.Length; i++)
        {
            Assert.AreEqual(expected[i], LinearPercentile.Of(sorted, percentiles[i]), 1e-9, $"P{percentiles[i]}");
        }

        Assert.ThrowsExactly<ArgumentException>(() => LinearPercentile.Of([], 50));
    }

    [TestMethod]
    public void NormalDistribution_KnownValues()
    {
        Assert.AreEqual(0.9750021048517795, Normal.Cdf(1.96), 2e-7);
        Assert.AreEqual(0.5, Normal.Cdf(0), 1e-7);
        Assert.AreEqual(1.959963984540054, Normal.Quantile(0.975), 1e-6);
        Assert.AreEqual(-2.326347874040841, Normal.Quantile(0.01), 1e-6);
    }

    [TestMethod]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    public void NonFiniteValues_AreRefused_NotRanked(double bad) =>
        Assert.ThrowsExactly<ArgumentException>(() => MannWhitney.Test([1, 2, bad], [1, 2, 3]));

    /// <summary>References by enumerating every way the pooled values could split into the two samples.</summary>
    private static class BruteForce
    {
        public static double TwoSidedP(double[] first, double[] second)
        {
            var observed = U(first, second);
            var all = Splits(first, second).Select(s => U(s.First, s.Second)).ToList();
            var low = all.Count(u => u <= observed) / (double)all.Count;
            var high = all.Count(u => u >= observed) / (double)all.Count;
            return Math.Min(1, 2 * Math.Min(low, high));
        }

        public static (double Mean, double Variance) UMoments(double[] first, double[] second)
        {
            var all = Splits(first, second).Select(s => U(s.First, s.Second)).ToList();
            var mean = all.Average();
            return (mean, all.Sum(u => (u - mean) * (u - mean)) / all.Count);
        }

        /// <summary>The smallest k with P(U ≤ k) ≥ p under no ties (ranks 1..n).</summary>
        public static int LowerCriticalIndex(int n1, int n2, double p)
        {
            var ranks = Enumerable.Range(1, n1 + n2).Select(r => (double)r).ToArray();
            var all = Combinations(n1 + n2, n1).Select(c => c.Sum(i => ranks[i]) - (n1 * (n1 + 1) / 2.0)).ToList();
            for (var k = 0; ; k++)
            {
                if (all.Count(u => u <= k) / (double)all.Count >= p - 1e-12)
                {
                    return Math.Max(1, k);
                }
            }
        }

        public static double MedianOfDifferences(double[] first, double[] second)
        {
            var d = first.SelectMany(a => second.Select(b => a - b)).Order().ToArray();
            return d.Length % 2 == 1 ? d[d.Length / 2] : (d[(d.Length / 2) - 1] + d[d.Length / 2]) / 2;
        }

        private static double U(double[] first, double[] second) => first.Sum(a => second.Sum(b => a > b ? 1.0 : a == b ? 0.5 : 0));

        private static IEnumerable<(double[] First, double[] Second)> Splits(double[] first, double[] second)
        {
            var pooled = first.Concat(second).ToArray();
            foreach (var chosen in Combinations(pooled.Length, first.Length))
            {
                var set = chosen.ToHashSet();
                yield return ([.. chosen.Select(i => pooled[i])], [.. Enumerable.Range(0, pooled.Length).Where(i => !set.Contains(i)).Select(i => pooled[i])]);
            }
        }

        private static IEnumerable<int[]> Combinations(int n, int k)
        {
            var indices = Enumerable.Range(0, k).ToArray();
            while (true)
            {
                yield return [.. indices];
                var i = k - 1;
                while (i >= 0 && indices[i] == n - k + i)
                {
                    i--;
                }

                if (i < 0)
                {
                    yield break;
                }

                indices[i]++;
                for (var j = i + 1; j < k; j++)
                {
                    indices[j] = indices[j - 1] + 1;
                }
            }
        }
    }
}
