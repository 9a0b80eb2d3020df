using PolicyEngine.Statistics;

namespace PolicyEngine.Tests;

/// <summary>
/// The exact bound on a percentile's increase that percentile thresholds rest on: its coverage at every look, against the
/// Python reference (Reference/confidence_sequences.py, which tries every point where the counts change instead of
/// flooring runs of them), and where it gains on each arm's own bounds combined.
/// </summary>
[TestClass]
public sealed class PercentileIncreaseTests
{
    [TestMethod]
    [DataRow(95.0, false, 1)]
    [DataRow(95.0, true, 1)]
    [DataRow(50.0, false, 1)]
    [DataRow(95.0, true, 10)]
    public void TheBound_HoldsTheTrueIncrease_AtEveryLook_InAtLeastItsConfidence(double percentile, bool relative, int ratio)
    {
        // 300 seeded runs of 100 steps of 20 samples in the first arm and 20 × ratio in the second (its mixtures tuned to
        // that share, as a BaselineRatio declares), the bound looked at every fifth: the first arm is the second's
        // uniform shifted by 0.1 (or scaled by 1.2), so the true change of every percentile is exactly 0.1 (or +20 %).
        const double alpha = 0.05;
        const int runs = 300;
        var truth = relative ? 0.2 : 0.1;
        var random = new Random(37);
        var misses = 0;
        for (var run = 0; run < runs; run++)
        {
            var first = new List<double>();
            var second = new List<double>();
            var missed = false;
            for (var step = 1; step <= 100 && !missed; step++)
            {
                for (var i = 0; i < 20; i++)
                {
                    var u = 1 + random.NextDouble();
                    first.Add(relative ? 1.2 * u : u + 0.1);
                    for (var j = 0; j < ratio; j++)
                    {
                        second.Add(1 + random.NextDouble());
                    }
                }

                missed = step % 5 == 0 && PercentileIncrease.Upper([.. first.Order()], [.. second.Order()], percentile, relative, alpha, ConfidenceSequence.TunedFor, ConfidenceSequence.TunedFor * ratio) < truth;
            }

            misses += missed ? 1 : 0;
        }

        Assert.IsLessThanOrEqualTo(alpha * runs, misses, $"the bound fell short of the true increase in {misses} of {runs} runs");
    }

    [TestMethod]
    [DataRow(95.0, false, 0.05, 18.30000000000004, -8.899999999999928)]
    [DataRow(95.0, true, 0.05, 0.10252100840336165, -0.046257796257796024)]
    [DataRow(50.0, false, 0.1, 19.100000000000065, -0.4999999999999751)]
    [DataRow(90.0, true, 0.05, 0.11382113821138251, -0.03640256959314758)]
    public void TheBound_MatchesTheReference(double percentile, bool relative, double alpha, double uOverV, double vOverU)
    {
        // The reference tries every point where the counts change; the C# floors runs of them and halves the change to a
        // ten-thousandth of its distance from the observed one, so its bound lies at or just above the reference's.
        double[] u = [.. Enumerable.Range(0, 400).Select(i => Math.Round(100 + ((i * 7919) % 1000 / 10.0), 1)).Order()];
        double[] v = [.. Enumerable.Range(0, 350).Select(i => Math.Round(95 + ((i * 104729) % 1000 / 11.0), 1)).Order()];

        foreach (var (first, second, reference) in new[] { (u, v, uOverV), (v, u, vOverU) })
        {
            double Scale(double change) => relative ? Math.Log(1 + change) : change;
            double p1 = LinearPercentile.Of(first, percentile), p2 = LinearPercentile.Of(second, percentile);
            var observed = relative ? Math.Log(p1 / p2) : p1 - p2;

            var bound = PercentileIncrease.Upper(first, second, percentile, relative, alpha);

            Assert.IsGreaterThanOrEqualTo(Scale(reference) - 1e-9, Scale(bound), $"{bound:R} lies below the reference's {reference:R}");
            Assert.IsLessThanOrEqualTo(Scale(reference) + (2e-4 * (Scale(reference) - observed)), Scale(bound), $"{bound:R} against the reference's {reference:R}");
        }
    }

    [TestMethod]
    [DataRow(95.0, false, 0.05, 250.0, 2500.0, 21.400000000000055)]
    [DataRow(90.0, true, 0.05, 875.0, 250.0, 0.11923963133640592)]
    public void ArmsTunedApart_TheBound_MatchesTheReference(double percentile, bool relative, double alpha, double tunedFor1, double tunedFor2, double reference)
    {
        double[] u = [.. Enumerable.Range(0, 400).Select(i => Math.Round(100 + ((i * 7919) % 1000 / 10.0), 1)).Order()];
        double[] v = [.. Enumerable.Range(0, 350).Select(i => Math.Round(95 + ((i * 104729) % 1000 / 11.0), 1)).Order()];
        double Scale(double change) => relative ? Math.Log(1 + change) : change;
        double p1 = LinearPercentile.Of(u, percentile), p2 = LinearPercentile.Of(v, percentile);
        var observed = relative ? Math.Log(p1 / p2) : p1 - p2;

        var bound = PercentileIncrease.Upper(u, v, percentile, relative, alpha, tunedFor1, tunedFor2);

        Assert.IsGreaterThanOrEqualTo(Scale(reference) - 1e-9, Scale(bound), $"{bound:R} lies below the reference's {reference:R}");
        Assert.IsLessThanOrEqualTo(Scale(reference) + (2e-4 * (Scale(reference) - observed)), Scale(bound), $"{bound:R} against the reference's {reference:R}");
    }

    [TestMethod]
    [DataRow(500, false)]
    [DataRow(500, true)]
    [DataRow(5000, false)]
    public void AtEqualArms_TheBound_IsNearerThanEachArmsOwnBoundsCombined(int samples, bool relative)
    {
        // The previous bound: each arm's percentile at half the error, the first's upper against the second's lower.
        var random = new Random(41);
        double[] Draw() => [.. Enumerable.Range(0, samples).Select(_ => 300 * Math.Exp(random.NextDouble())).Order()];
        var (first, second) = (Draw(), Draw());
        var own1 = ConfidenceSequence.Percentile(first, 95, 0.025);
        var own2 = ConfidenceSequence.Percentile(second, 95, 0.025);
        var combined = relative ? Math.Log(own1.Upper / own2.Lower) : own1.Upper - own2.Lower;
        var observed = relative ? Math.Log(LinearPercentile.Of(first, 95) / LinearPercentile.Of(second, 95)) : LinearPercentile.Of(first, 95) - LinearPercentile.Of(second, 95);

        var bound = PercentileIncrease.Upper(first, second, 95, relative, 0.05);
        var scaled = relative ? Math.Log(1 + bound) : bound;

        Assert.IsLessThan(0.85 * (combined - observed), scaled - observed, $"{bound:R} against each arm's own {combined:R}");
        Assert.IsGreaterThan(observed, scaled);
    }

    [TestMethod]
    public void WhatTheSamplesCannotBound_IsLeftOpen()
    {
        double[] some = [1, 2, 3];
        Assert.AreEqual(double.PositiveInfinity, PercentileIncrease.Upper([], some, 95, relative: false, 0.05));
        Assert.AreEqual(double.PositiveInfinity, PercentileIncrease.Upper(some, [1, 2, double.PositiveInfinity], 95, relative: false, 0.05));
        Assert.AreEqual(double.PositiveInfinity, PercentileIncrease.Upper(some, [-1, 2, 3], 95, relative: true, 0.05));
        // Percentiles whose change overflows a double: nothing to search from, so unsized (this once searched forever).
        double[] lowest = [.. Enumerable.Repeat(-1e308, 300)], highest = [.. Enumerable.Repeat(1e308, 300)];
        Assert.AreEqual(double.PositiveInfinity, PercentileIncrease.Upper(lowest, highest, 95, relative: false, 0.05));
        Assert.AreEqual(double.PositiveInfinity, PercentileIncrease.Upper(highest, lowest, 95, relative: false, 0.05));
        // Three samples say nothing of a P95 at 95 %.
        Assert.AreEqual(double.PositiveInfinity, PercentileIncrease.Upper(some, some, 95, relative: true, 0.05));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PercentileIncrease.Upper(some, some, 100, relative: false, 0.05));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PercentileIncrease.Upper(some, some, 95, relative: false, 0));
    }
}
