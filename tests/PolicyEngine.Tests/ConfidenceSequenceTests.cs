using PolicyEngine.Statistics;

namespace PolicyEngine.Tests;

/// <summary>The confidence sequences against a reference written independently in Python (Reference/confidence_sequences.py, whose output these are).</summary>
[TestClass]
public sealed class ConfidenceSequenceTests
{
    /// <summary>
    /// How close to the reference, relatively: the boundary takes Φ from an erfc good to 1.2e-7 (Normal.Erfc) and is
    /// widened by as much to stay on the safe side; the reference uses Python's exact erfc.
    /// </summary>
    private const double Close = 3e-7;

    [TestMethod]
    [DataRow(0.001, 1000.0, 0.05, 0.10314569484259063)]
    [DataRow(0.25, 2.0, 0.05, 1.464661218582202)]
    [DataRow(1e-6, 500.0, 0.01, 0.003928517142022472)]
    [DataRow(0.0005, 2000.0, 0.1, 0.06292210236057665)]
    public void Radius_MatchesTheReference(double variance, double rho, double alpha, double expected) =>
        Assert.AreEqual(expected, ConfidenceSequence.Radius(variance, rho, alpha), expected * Close, $"{ConfidenceSequence.Radius(variance, rho, alpha):R}");

    [TestMethod]
    public void Radius_MatchesConfseqsOwnTestValue()
    {
        // confseq (gostevehoward/confseq, test/uniform_boundaries_unittest.cpp): OneSidedNormalMixture(v_opt 100,
        // alpha_opt 0.05).bound(100, ln 20) = 27.66071 on the sum's scale, its ρ = 15.8006… (best_rho); ours is on the
        // mean's: information 100 (variance 1/100), so the sum's bound is the radius × 100.
        Assert.AreEqual(27.66071, ConfidenceSequence.Radius(1.0 / 100, 15.80063490685053, 0.05) * 100, 1e-5);
    }

    [TestMethod]
    [DataRow(false, 60L, 2000L, 40L, 2000L, 0.05, -0.0037856762862464397, 0.023785676286246435)]
    [DataRow(false, 0L, 500L, 3L, 800L, 0.05, -0.012836242593592236, 0.005336242593592236)]
    [DataRow(false, 480L, 500L, 450L, 500L, 0.1, 0.018574754360299164, 0.10142524563970072)]
    [DataRow(true, 60L, 2000L, 40L, 2000L, 0.05, -0.15512123318152238, 0.9497248281195283)]
    [DataRow(true, 0L, 500L, 3L, 800L, 0.05, -4.157112173443197, 2.321540427552988)]
    [DataRow(true, 480L, 500L, 450L, 500L, 0.1, 0.019148416547570796, 0.10965144465859497)]
    public void RateDifference_AndLogRateDifference_MatchTheReference(bool log, long s1, long n1, long s2, long n2, double alpha, double lower, double upper)
    {
        var arm = log ? (Func<long, long, Arm>)Arm.LogRate : Arm.Rate;

        var bounds = ConfidenceSequence.Difference(arm(s1, n1), arm(s2, n2), alpha);

        Assert.AreEqual(lower, bounds.Lower, (upper - lower) * Close);
        Assert.AreEqual(upper, bounds.Upper, (upper - lower) * Close);
    }

    [TestMethod]
    public void LogMeanDifference_MatchesTheReference()
    {
        double[] a = [250.146, 343.634, 313.727, 138.419, 148.342, 205.629, 197.27, 333.493, 460.74, 211.476, 122.312, 155.315, 361.354, 312.217, 185.723, 391.636, 203.434, 282.21, 691.513, 178.434, 355.346, 394.017, 223.814, 166.645, 508.521, 477.861, 451.683, 339.008, 279.736, 439.653, 222.371, 139.662, 216.481, 195.865, 144.389, 155.532, 429.943, 215.927, 104.998, 208.178];
        double[] b = [173.45, 299.973, 130.052, 208.802, 279.988, 317.274, 231.923, 106.709, 200.695, 233.969, 158.037, 303.358, 195.269, 236.788, 255.566, 225.07, 378.564, 278.217, 280.917, 830.077, 754.322, 195.673, 306.903, 224.068, 772.55, 166.346, 238.033, 154.172, 138.127, 549.164];

        var bounds = ConfidenceSequence.Difference(Arm.Of([.. a.Select(v => Math.Log(v))]), Arm.Of([.. b.Select(v => Math.Log(v))]), 0.05);

        Assert.AreEqual(-0.7525989670927388, bounds.Lower, 1.5 * Close);
        Assert.AreEqual(0.7261181300273943, bounds.Upper, 1.5 * Close);

        // The same values as costs: the difference of their means, and the log of the ratio of their means (delta method).
        var means = ConfidenceSequence.Difference(Arm.Of(a), Arm.Of(b), 0.05);
        var logMeans = ConfidenceSequence.Difference(Arm.LogMean(Arm.Of(a)), Arm.LogMean(Arm.Of(b)), 0.05);

        Assert.AreEqual(-271.5425954299536, means.Lower, 513 * Close);
        Assert.AreEqual(241.10489542995344, means.Upper, 513 * Close);
        Assert.AreEqual(-0.9350700223431936, logMeans.Lower, 1.8 * Close);
        Assert.AreEqual(0.8288148033399043, logMeans.Upper, 1.8 * Close);
    }

    [TestMethod]
    [DataRow(50.0, 0.05, 1038.0, 1161.0)]
    [DataRow(95.0, 0.025, 1969.0, 2028.0)]
    [DataRow(99.0, 0.025, 2065.0, 2091.0)]
    public void Percentile_MatchesTheReference(double percentile, double alpha, double lower, double upper)
    {
        double[] values = [.. Enumerable.Range(0, 2000).Select(i => 100.0 + (i * 7919 % 2000)).Order()];

        Assert.AreEqual(new Bounds(lower, upper), ConfidenceSequence.Percentile(values, percentile, alpha));
    }

    [TestMethod]
    public void Percentile_OnFewValues_LeavesTheBoundItCannotGiveOpen()
    {
        double[] values = [.. Enumerable.Range(1, 70).Select(i => (double)i)];

        var p95 = ConfidenceSequence.Percentile(values, 95, 0.025);

        Assert.AreEqual(double.PositiveInfinity, p95.Upper, "70 values cannot bound a P95 from above");
        Assert.IsLessThan(66.5, p95.Lower);
        Assert.AreEqual(Bounds.Everything, ConfidenceSequence.Percentile([], 50, 0.05));
    }

    [TestMethod]
    public void ThePercentileSequence_CoversTheTruePercentile_AtEveryLook_InAtLeastItsConfidence()
    {
        // 1,000 seeded runs of 100 looks of 20 uniform values: the true P90 is 0.9.
        var random = new Random(23);
        const double alpha = 0.05;
        var misses = new SideMisses();
        for (var run = 0; run < 1000; run++)
        {
            var values = new List<double>();
            var miss = new SideMisses();
            for (var look = 0; look < 100; look++)
            {
                for (var i = 0; i < 20; i++)
                {
                    values.Add(random.NextDouble());
                }

                miss.See(0.9, ConfidenceSequence.Percentile([.. values.Order()], 90, alpha));
            }

            misses.Add(miss);
        }

        misses.AssertEachSideAtMost(alpha, 1000);
    }

    [TestMethod]
    public void TheRatesExactBounds_CoverARareRate_AtEveryLook_InAtLeastTheirConfidence()
    {
        // Where the normal sequence failed: a rate of one in a thousand (and eleven in a thousand), 100 looks of 50.
        // Each arm's exact bounds (which fence the promotion's bound, RateIncrease) must hold at every look in 1 − α.
        const double alpha = 0.05;
        var random = new Random(29);
        var rare = new SideMisses();
        var common = new SideMisses();
        const int runs = 600;
        for (var run = 0; run < runs; run++)
        {
            long rareEvents = 0, commonEvents = 0, n = 0;
            var rareMiss = new SideMisses();
            var commonMiss = new SideMisses();
            for (var look = 0; look < 100; look++)
            {
                for (var i = 0; i < 50; i++, n++)
                {
                    rareEvents += random.NextDouble() < 0.001 ? 1 : 0;
                    commonEvents += random.NextDouble() < 0.011 ? 1 : 0;
                }

                rareMiss.See(0.001, ConfidenceSequence.Rate(rareEvents, n, alpha));
                commonMiss.See(0.011, ConfidenceSequence.Rate(commonEvents, n, alpha));
            }

            rare.Add(rareMiss);
            common.Add(commonMiss);
        }

        rare.AssertEachSideAtMost(alpha, runs);
        common.AssertEachSideAtMost(alpha, runs);
        Assert.IsGreaterThan(0, rare.Total + common.Total, "bounds that never miss would say nothing of their width");
    }

    [TestMethod]
    [DataRow(0L, 100L, 0.025, 0.0, 0.16371454803889324)]
    [DataRow(2L, 100L, 0.025, 0.0003489278399865431, 0.1981733603033859)]
    [DataRow(20L, 1000L, 0.025, 0.009244970410447284, 0.0368568587845543)]
    [DataRow(5L, 5000L, 0.025, 0.00016751175241036274, 0.003047554274414444)]
    [DataRow(100L, 5000L, 0.05, 0.014890940809400023, 0.0261377700031748)]
    [DataRow(2000L, 100000L, 0.025, 0.018512281863500343, 0.021584792480611906)]
    public void TheRatesExactBounds_MatchTheReference(long events, long trials, double alpha, double lower, double upper)
    {
        // The reference sums the incomplete beta as a series; both halve to the rate last ruled out.
        var bounds = ConfidenceSequence.Rate(events, trials, alpha);

        Assert.AreEqual(lower, bounds.Lower, lower * 1e-9, $"{bounds.Lower:R}");
        Assert.AreEqual(upper, bounds.Upper, upper * 1e-9, $"{bounds.Upper:R}");
    }

    [TestMethod]
    public void ArmsTunedApart_MatchTheReference()
    {
        // A threshold's BaselineRatio tunes the larger arm's mixtures to 250 times it (the reference's last section).
        Assert.AreEqual(new Bounds(1961, 2036), ConfidenceSequence.Percentile([.. Enumerable.Range(0, 2000).Select(i => 100.0 + (i * 7919 % 2000)).Order()], 95, 0.025, 2500));
        foreach (var (events, trials, alpha, tunedFor, lower, upper) in new[] { (200L, 10000L, 0.025, 2500.0, 0.01598525450986256, 0.024629048174846513), (3L, 400L, 0.05, 1000.0, 0.0004646776141205621, 0.05029774494365696) })
        {
            var bounds = ConfidenceSequence.Rate(events, trials, alpha, tunedFor);
            Assert.AreEqual(lower, bounds.Lower, lower * 1e-9, $"{bounds.Lower:R}");
            Assert.AreEqual(upper, bounds.Upper, upper * 1e-9, $"{bounds.Upper:R}");
        }
    }

    [TestMethod]
    [DataRow(1.0)]
    [DataRow(0.5)]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    public void ATuningNoMixtureCanTake_IsRefused(double tunedFor)
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ConfidenceSequence.Rate(3, 100, 0.05, tunedFor));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ConfidenceSequence.Percentile([1, 2, 3], 50, 0.05, tunedFor));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => RateIncrease.Upper(3, 100, 2, 100, false, 0.05, tunedFor, 250));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PercentileIncrease.Upper([1, 2, 3], [1, 2, 3], 50, false, 0.05, 250, tunedFor));
    }

    [TestMethod]
    public void Bounds_ReadAsAnInterval()
    {
        // The record's generated text printed Negated, whose text printed its own: a stack overflow in any message.
        Assert.AreEqual("[-0.25, 1.5]", new Bounds(-0.25, 1.5).ToString());
        Assert.AreEqual("[-Infinity, Infinity]", Bounds.Everything.ToString());
    }

    [TestMethod]
    public void TheRatesExactBounds_AtTheEdges_AreZeroAndOne()
    {
        Assert.AreEqual(new Bounds(0, 1), ConfidenceSequence.Rate(0, 0, 0.05));
        Assert.AreEqual(0, ConfidenceSequence.Rate(0, 100, 0.05).Lower);
        Assert.AreEqual(1, ConfidenceSequence.Rate(100, 100, 0.05).Upper);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ConfidenceSequence.Rate(5, 4, 0.05));
    }

    [TestMethod]
    [DataRow(3L, BetaBinomialMixture.MostTrials)]
    [DataRow(BetaBinomialMixture.MostTrials - 3, BetaBinomialMixture.MostTrials)]
    public void TheRatesExactBounds_AtTheMostTrials_StayBoundsAroundTheRate(long events, long trials)
    {
        // A rate of 3 × 10⁻¹³, and one as near 1: the mixtures still give evidence, the bounds still hold the rate.
        var observed = events / (double)trials;

        var bounds = ConfidenceSequence.Rate(events, trials, 0.05);

        Assert.IsTrue(bounds.Lower <= observed && observed <= bounds.Upper, $"{bounds} around {observed}");
        Assert.IsTrue(bounds.Lower >= 0 && bounds.Upper <= 1 && bounds.Upper - bounds.Lower < 1e-11, $"{bounds}");
    }

    [TestMethod]
    [DataRow(3L, BetaBinomialMixture.MostTrials + 1)]
    [DataRow(long.MaxValue / 3, long.MaxValue)]
    [DataRow(long.MaxValue, long.MaxValue)]
    public void TheRatesExactBounds_BeyondTheMostTrials_AreZeroAndOne(long events, long trials)
    {
        // Past ten trillion trials the incomplete beta takes tens of millions of steps a value (or gives up) and rounding
        // swamps the evidence: no rate is ruled out, quickly, rather than a look stalling or a bound resting on noise.
        Assert.AreEqual(new Bounds(0, 1), ConfidenceSequence.Rate(events, trials, 0.05));
    }

    [TestMethod]
    public void TheSequence_CoversTheTrueDifference_AtEveryLook_InAtLeastItsConfidence()
    {
        // 2,000 seeded runs of 200 looks each: a run misses when any look's bounds exclude the true difference.
        var random = new Random(17);
        const double candidateRate = 0.04, baselineRate = 0.03, alpha = 0.05;
        var misses = new SideMisses();
        for (var run = 0; run < 2000; run++)
        {
            long candidate = 0, baseline = 0, n = 0;
            var miss = new SideMisses();
            for (var look = 0; look < 200; look++)
            {
                for (var i = 0; i < 25; i++, n++)
                {
                    candidate += random.NextDouble() < candidateRate ? 1 : 0;
                    baseline += random.NextDouble() < baselineRate ? 1 : 0;
                }

                miss.See(candidateRate - baselineRate, ConfidenceSequence.Difference(Arm.Rate(candidate, n), Arm.Rate(baseline, n), alpha));
            }

            misses.Add(miss);
        }

        misses.AssertEachSideAtMost(alpha, 2000);
        Assert.IsGreaterThan(0, misses.Total, "a sequence that never misses would say nothing of its width");
    }

    [TestMethod]
    public void TheLogOfTheRatioOfMeans_CoversTheTrueRatio_AtEveryLook_InAtLeastItsConfidence()
    {
        // Skewed costs (log-normal, σ = 1), the candidate's mean 10 % higher: 1,000 seeded runs of 100 looks of 20
        // requests an arm. The delta method is an approximation; this holds it to the guarantee from the first look.
        var random = new Random(29);
        const double sigma = 1, alpha = 0.05;
        var truth = Math.Log(1.1);
        var misses = new SideMisses();
        for (var run = 0; run < 1000; run++)
        {
            var sums = new double[4];
            long n = 0;
            var miss = new SideMisses();
            for (var look = 0; look < 100; look++)
            {
                for (var i = 0; i < 20; i++, n++)
                {
                    var c = 1.1 * Math.Exp((sigma * Statistics.Normal.Quantile(random.NextDouble())) - (sigma * sigma / 2));
                    var b = Math.Exp((sigma * Statistics.Normal.Quantile(random.NextDouble())) - (sigma * sigma / 2));
                    sums[0] += c;
                    sums[1] += c * c;
                    sums[2] += b;
                    sums[3] += b * b;
                }

                Arm Arm(double sum, double squares) => new(sum / n, Math.Max((squares - (sum * sum / n)) / (n - 1), 1e-6), n);
                miss.See(truth, ConfidenceSequence.Difference(PolicyEngine.Statistics.Arm.LogMean(Arm(sums[0], sums[1])), PolicyEngine.Statistics.Arm.LogMean(Arm(sums[2], sums[3])), alpha));
            }

            misses.Add(miss);
        }

        misses.AssertEachSideAtMost(alpha, 1000);
        Assert.IsGreaterThan(0, misses.Total, "a sequence that never misses would say nothing of its width");
    }

    [TestMethod]
    public void ArmOf_RefusesFewerThanTwoObservations_AndFloorsTheVariance()
    {
        Assert.ThrowsExactly<ArgumentException>(() => Arm.Of([1.0]));
        Assert.AreEqual(1e-6, Arm.Of([2.0, 2.0, 2.0]).Variance);
    }

    [TestMethod]
    public void AnEmptyArm_SaysNothing() =>
        Assert.AreEqual(Bounds.Everything, ConfidenceSequence.Difference(Arm.Rate(0, 0), Arm.Rate(3, 100), 0.05));

    [TestMethod]
    public void Bounds_AsRelativeChange_AndNegated()
    {
        var bounds = new Bounds(Math.Log(0.5), Math.Log(2)).AsRelativeChange;

        Assert.AreEqual(-0.5, bounds.Lower, 1e-12);
        Assert.AreEqual(1.0, bounds.Upper, 1e-12);
        Assert.AreEqual(new Bounds(-1.0, 0.5), bounds.Negated);
    }

    /// <summary>
    /// Runs whose sequence left the truth on each side at some look. Each bound is one-sided at α: the lower bound may
    /// pass the truth in at most α of runs, the upper bound likewise — the two decisions' error rates.
    /// </summary>
    private sealed class SideMisses
    {
        public int Below { get; private set; }

        public int Above { get; private set; }

        public int Total => Below + Above;

        /// <summary>Notes, for one run, whether this look's bounds leave <paramref name="truth"/> out (each side once a run).</summary>
        public void See(double truth, Bounds bounds)
        {
            Below = Below > 0 || bounds.Lower > truth ? 1 : 0;
            Above = Above > 0 || bounds.Upper < truth ? 1 : 0;
        }

        public void Add(SideMisses run)
        {
            Below += run.Below;
            Above += run.Above;
        }

        public void AssertEachSideAtMost(double alpha, int runs)
        {
            Assert.IsLessThanOrEqualTo(alpha * runs, Below, $"the lower bound passed the truth in {Below} of {runs} runs");
            Assert.IsLessThanOrEqualTo(alpha * runs, Above, $"the upper bound fell short of the truth in {Above} of {runs} runs");
        }
    }
}
