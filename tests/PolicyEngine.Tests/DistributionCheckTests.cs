using PolicyEngine.Evaluation;
using PolicyEngine.Testing;

namespace PolicyEngine.Tests;

/// <summary>
/// Distribution rollback thresholds through the generated rules and a real NRules session: identical samples
/// pass, a clear upward shift fails, a clear downward shift fails only where decreases are not allowed; ties,
/// constant samples, too few samples and NaN samples each have their meaning.
/// </summary>
[TestClass]
public sealed class DistributionCheckTests
{
    private const string Latency = "distributions/latency-shift";
    private const string Ttft = "distributions/ttft-shift";
    private static readonly RolloutContext Canary = new("m", "2", Lever.Architecture, Stages.Canary, DateTimeOffset.UnixEpoch);

    /// <summary>Latencies spread like a service's: 100–300 ms, seeded so every run ranks the same values.</summary>
    private static double[] Spread(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Math.Round(100 + (200 * random.NextDouble()), 1)).ToArray();
    }

    private static object[] Facts(SampledMetric metric, IEnumerable<double> candidate, IEnumerable<double> baseline) =>
    [
        Canary,
        new MetricSamples(Role.Candidate, "all", metric, candidate.ToArray()),
        new MetricSamples(Role.Baseline, "all", metric, baseline.ToArray()),
    ];

    [TestMethod]
    public void IdenticalSamples_Pass_WithNoShift()
    {
        var sample = Spread(200, seed: 1);

        var finding = GuardrailAssert.Passes(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, sample, sample));

        Assert.AreEqual(0, finding.Observed);
        Assert.AreEqual(0.10, finding.Threshold, "reported against the limit it was held to");
        StringAssert.Contains(finding.Reason, "no significant shift");
        StringAssert.Contains(finding.Reason, "p = 1");
    }

    [TestMethod]
    public void ClearUpwardShift_Fails_WithTheShiftAsAShareOfTheBaselineMedian()
    {
        var baseline = Spread(300, seed: 2);
        var candidate = Spread(300, seed: 3).Select(v => v + 60).ToArray();

        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, candidate, baseline));

        // The two spreads are independent draws of one distribution, so the shift is 60 ms give or take a few;
        // the baseline median is about 200 ms.
        var median = baseline.Order().ElementAt(149) / 2 + baseline.Order().ElementAt(150) / 2;
        Assert.AreEqual(60 / median, finding.Observed!.Value, 0.03);
        Assert.AreEqual(0.10, finding.Threshold);
        StringAssert.Contains(finding.Reason, "exceeds the allowed 10 %");
        StringAssert.Contains(finding.Reason, "P(candidate > baseline)");
    }

    [TestMethod]
    public void SignificantButSmallIncrease_WithinTheAllowance_Passes()
    {
        var baseline = Spread(2000, seed: 4);
        var candidate = baseline.Select(v => v + 8).ToArray();

        var finding = GuardrailAssert.Passes(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, candidate, baseline));

        StringAssert.Contains(finding.Reason, "is within the allowed 10 %");
        Assert.AreEqual(8 / baseline.Order().ElementAt(999), finding.Observed!.Value, 0.005);
    }

    [TestMethod]
    public void ClearDownwardShift_PassesWhereDecreasesAreAllowed()
    {
        var baseline = Spread(300, seed: 5);

        var finding = GuardrailAssert.Passes(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, baseline.Select(v => v / 2), baseline));

        Assert.AreEqual(-0.5, finding.Observed!.Value, 0.05, "the shift as a share of the baseline median, signed: half as slow");
        StringAssert.Contains(finding.Reason, "a decrease, which this guardrail allows");
    }

    [TestMethod]
    public void ClearDownwardShift_FailsWhereDecreasesAreLimited()
    {
        var baseline = Spread(300, seed: 6);

        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, Ttft, Facts(SampledMetric.Ttft, baseline.Select(v => v * 0.7), baseline));

        StringAssert.Contains(finding.Reason, "decrease of");
        StringAssert.Contains(finding.Reason, "exceeds the allowed 10 %");
    }

    [TestMethod]
    public void ConstantSamples_TheSame_Pass_AndApart_AreAShift()
    {
        var same = GuardrailAssert.Passes(GuardrailPack.Instance, Ttft, Facts(SampledMetric.Ttft, Enumerable.Repeat(120.0, 40), Enumerable.Repeat(120.0, 40)));
        StringAssert.Contains(same.Reason, "no significant shift");

        // All ties within each side: the tie-corrected test still sees two separate groups, 10 ms apart.
        var apart = GuardrailAssert.Fails(GuardrailPack.Instance, Ttft, Facts(SampledMetric.Ttft, Enumerable.Repeat(130.0, 40), Enumerable.Repeat(120.0, 40)));
        Assert.AreEqual(10, apart.Observed);
        Assert.AreEqual(5, apart.Threshold);
        StringAssert.Contains(apart.Reason, "increase of 10 ms exceeds the allowed 5 ms");
    }

    [TestMethod]
    public void HeavilyTiedSamples_WithoutAShift_Pass()
    {
        double[] levels = [100, 100, 100, 110, 110, 120];
        var baseline = Enumerable.Range(0, 60).Select(i => levels[i % levels.Length]).ToArray();
        var candidate = Enumerable.Range(0, 60).Select(i => levels[(i + 3) % levels.Length]).ToArray();

        GuardrailAssert.Passes(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, candidate, baseline), observed: 0);
    }

    [TestMethod]
    public void TooFewSamples_AreInconclusive_EvenWhenTheShiftIsHuge()
    {
        var baseline = Spread(19, seed: 7);

        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, baseline.Select(v => v * 5), baseline));

        StringAssert.Contains(finding.Reason, "19 candidate and 19 baseline samples");
        StringAssert.Contains(finding.Reason, "20 needed on each side");
    }

    [TestMethod]
    public void NoSamplesAtAll_AreInconclusive()
    {
        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, Latency, [Canary]);

        StringAssert.Contains(finding.Reason, "no candidate latency samples");
    }

    [TestMethod]
    public void NaNSamples_AreRemoved_AndTheRestMustStillReachTheMinimum()
    {
        var baseline = Spread(30, seed: 8);
        var candidate = baseline.Select((v, i) => i < 5 ? double.NaN : v).ToArray();

        var decided = GuardrailAssert.Passes(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, candidate, baseline));
        StringAssert.Contains(decided.Reason, "5 candidate and 0 baseline samples not numbers, removed");

        var tooFew = baseline.Select((v, i) => i < 11 ? double.NaN : v);
        var held = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, tooFew, baseline));
        StringAssert.Contains(held.Reason, "19 candidate and 30 baseline samples (11 candidate and 0 baseline samples not numbers, removed)");
    }

    [TestMethod]
    public void SamplesBeyondTheLastBucket_AreNeverRemoved_MoreOfThemOnTheCandidateFails()
    {
        // +Inf is what a histogram quantile gives past its last bucket: the slowest requests there are.
        var baseline = Spread(200, seed: 10);
        var offTheScale = baseline.Select((v, i) => i % 10 == 0 ? double.PositiveInfinity : v).ToArray();

        var worse = GuardrailAssert.Fails(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, offTheScale, baseline));
        var both = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, offTheScale, offTheScale));
        var baselineOnly = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, baseline, offTheScale));

        Assert.AreEqual(double.PositiveInfinity, worse.Observed);
        StringAssert.Contains(worse.Reason, "20 of 200 candidate and 0 of 200 baseline samples are beyond measure (+Inf");
        StringAssert.Contains(both.Reason, "widen the histogram's buckets");
        StringAssert.Contains(baselineOnly.Reason, "0 of 200 candidate and 20 of 200 baseline samples are beyond measure");
    }

    [TestMethod]
    public void NaNSamples_FailAGuardrailThatSaysSo()
    {
        var baseline = Spread(30, seed: 9);
        var withNaN = baseline.Select((v, i) => i == 3 ? double.NaN : v);

        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, Ttft, Facts(SampledMetric.Ttft, baseline, withNaN));

        Assert.AreEqual(1, finding.Observed);
        StringAssert.Contains(finding.Reason, "0 candidate and 1 baseline samples are not numbers; this guardrail fails on any (WhenNaN = Fail)");
    }

    [TestMethod]
    public void RelativeLimit_OverAZeroBaselineMedian_Fails_NeverDividesByZero()
    {
        var baseline = Enumerable.Repeat(0.0, 30).ToArray();
        var candidate = Enumerable.Repeat(4.0, 30).ToArray();

        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, candidate, baseline));

        StringAssert.Contains(finding.Reason, "a relative increase over a zero baseline median is undefined");
        Assert.IsTrue(double.IsFinite(finding.Observed!.Value));
    }

    [TestMethod]
    public void LargeSamples_AreRankedInFull_AndTheShiftEstimatedOnTheirOrderStatistics()
    {
        var baseline = Spread(20_000, seed: 10);
        var candidate = Spread(20_000, seed: 11).Select(v => v * 1.2).ToArray();

        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, Latency, Facts(SampledMetric.Latency, candidate, baseline));

        // Uniform 100–300 scaled by 1.2 is uniform 120–360: the median pairwise difference is about 40 ms over a 200 ms median.
        Assert.AreEqual(0.2, finding.Observed!.Value, 0.02);
        Assert.AreEqual(20_000, finding.SampleCount);
        StringAssert.Contains(finding.Reason, "n = 20000/20000");
    }

    [TestMethod]
    public void TwoSampleFactsForOneSide_AreAnError_NotAChoice()
    {
        var sample = Spread(30, seed: 12);
        object[] facts = [.. Facts(SampledMetric.Latency, sample, sample), new MetricSamples(Role.Candidate, "all", SampledMetric.Latency, sample)];

        Assert.ThrowsExactly<ArgumentException>(() => CompiledPack.For(GuardrailPack.Instance).Evaluate(facts));
    }
}
