using PolicyEngine.Evaluation;
using PolicyEngine.Statistics;
using PolicyEngine.Testing;

namespace PolicyEngine.Tests;

/// <summary>Sequential rollback thresholds through real NRules sessions, and the series that turns their looks into early decisions.</summary>
[TestClass]
public sealed class SequentialTests
{
    private static readonly RolloutContext Canary = new("m", "2", Lever.Scale, Stages.Canary, DateTimeOffset.UnixEpoch);

    private static SliceMetrics Errors(Role role, long requests, double rate) => new() { Role = role, Slice = "all", Requests = requests, ErrorRate = rate };

    [TestMethod]
    public void AClearRegression_Fails_WithTheSequencesBounds()
    {
        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/errors", [Canary, Errors(Role.Candidate, 5000, 0.06), Errors(Role.Baseline, 5000, 0.02)]);

        Assert.IsGreaterThan(0.01, finding.Lower!.Value, "the whole sequence lies beyond the limit");
        Assert.IsGreaterThan(finding.Lower!.Value, finding.Upper!.Value);
        Assert.AreEqual(0.04, finding.Observed!.Value, 1e-9);
        StringAssert.Contains(finding.Reason, "beyond the limit of 0.01 — a regression, shown with confidence");
    }

    [TestMethod]
    public void ANoChange_OnEnoughSamples_Passes_InsideTheBand()
    {
        var finding = GuardrailAssert.Passes(GuardrailPack.Instance, "sequential/errors", [Canary, Errors(Role.Candidate, 40000, 0.02), Errors(Role.Baseline, 40000, 0.02)]);

        Assert.IsLessThanOrEqualTo(0.01, finding.Upper!.Value);
        StringAssert.Contains(finding.Reason, "the change is inside the band");
    }

    [TestMethod]
    public void ACanaryOnATenthOfTheTraffic_DeclaringItsRatio_IsPromotedWhereArmsTunedAlikeWait()
    {
        // 3,000 candidate requests against 27,000, both at 2 %: tuned alike, the baseline's mixture pays for a prior
        // centred on 250 requests; tuned to its nine-to-one share, the promotion's bound is a tenth narrower.
        static SliceMetrics On(string slice, Role role, long requests) => Errors(role, requests, 0.02) with { Slice = slice };

        var alike = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/errors", [Canary, On("all", Role.Candidate, 3000), On("all", Role.Baseline, 27000)]);
        var tenth = GuardrailAssert.Passes(GuardrailPack.Instance, "sequential/tenth-errors", [Canary, On("tenth", Role.Candidate, 3000), On("tenth", Role.Baseline, 27000)]);

        Assert.IsGreaterThan(0.01, alike.Upper!.Value);
        Assert.IsLessThanOrEqualTo(0.01, tenth.Upper!.Value);
        Assert.IsLessThan(alike.Upper!.Value * 0.95, tenth.Upper!.Value);
        StringAssert.Contains(GuardrailPack.Instance.Find("sequential/tenth-errors")!.Requirement, "tuned for 9 baseline samples per candidate sample");
        StringAssert.Contains(GuardrailPack.Instance.CanonicalForm, "\"sequential\":{\"confidence\":0.95,\"minDurationSeconds\":0,\"baselineRatio\":9}");
    }

    [TestMethod]
    public void ALookAtASplitFarFromTheDeclaredOne_SaysWhichRatioWouldBoundItTighter()
    {
        static SliceMetrics On(string slice, Role role, long requests) => Errors(role, requests, 0.02) with { Slice = slice };

        var untuned = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/errors", [Canary, On("all", Role.Candidate, 1000), On("all", Role.Baseline, 10000)]);
        var tuned = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/tenth-errors", [Canary, On("tenth", Role.Candidate, 1000), On("tenth", Role.Baseline, 10000)]);
        var even = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/tenth-errors", [Canary, On("tenth", Role.Candidate, 1000), On("tenth", Role.Baseline, 1000)]);

        StringAssert.Contains(untuned.Reason, "the arms run 10000 baseline samples to 1000 candidate ones, where the threshold is tuned for 1 to 1: declare BaselineRatio = 10 before a rollout at this split");
        Assert.DoesNotContain("BaselineRatio", tuned.Reason, "10 to 1 against a declared 9 is near enough");
        StringAssert.Contains(even.Reason, "tuned for 9 to 1: declare BaselineRatio = 1 before");
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(double.NaN)]
    [DataRow(5000.0)]
    public void ARatioNoSequenceCanTake_InAPackBuiltByHand_IsAnError_NeverAPass(double ratio)
    {
        // The generator refuses such a ratio (PE0043); a spec built by hand meets the runtime's own check.
        var guardrail = GuardrailPack.Instance.Find("sequential/tenth-errors")!;
        var spec = (Specs.RollbackThresholdSpec)guardrail.Spec!;
        var sequential = spec.Sequential! with { BaselineRatio = ratio };
        var facts = FactIndex.Of([Canary, Errors(Role.Candidate, 40000, 0.02) with { Slice = "tenth" }, Errors(Role.Baseline, 360000, 0.02) with { Slice = "tenth" }]);

        var finding = SequentialCheck.Evaluate(guardrail, spec, sequential, facts);

        Assert.AreEqual(Outcome.Error, finding.Outcome, finding.Reason);
        StringAssert.Contains(finding.Reason, "BaselineRatio");
    }

    [TestMethod]
    public void CountsBelowAnEarlierDecisionsOnTheSameCanary_AreAnError_NeverAPass()
    {
        // 40,000 requests an arm at 2 % pass on their own (ANoChange_OnEnoughSamples_Passes_InsideTheBand); an earlier
        // decision on this canary counted 50,000, so these counts fell.
        var earlier = Guid.CreateVersion7();
        object[] facts = [Canary, Errors(Role.Candidate, 40000, 0.02), Errors(Role.Baseline, 40000, 0.02)];

        var fell = GuardrailAssert.Expect(GuardrailPack.Instance, "sequential/errors", [.. facts, new SequenceFloor("sequential/errors", "all", 50000, earlier)], Outcome.Error);
        var grew = GuardrailAssert.Passes(GuardrailPack.Instance, "sequential/errors", [.. facts, new SequenceFloor("sequential/errors", "all", 30000, earlier), new SequenceFloor("sequential/errors", "other", 90000, earlier)]);

        StringAssert.Contains(fell.Reason, $"40000 samples, fewer than the 50000 an earlier decision on this canary counted ({earlier})");
        Assert.AreEqual(40000L, fell.SampleCount);
        StringAssert.Contains(grew.Reason, "the change is inside the band");
    }

    [TestMethod]
    public void IdenticalArms_AtARareRate_OnATwentiethOfTheTraffic_AreRolledBackNoMoreOftenThanTheConfidenceAllows()
    {
        // 300 seeded canaries of 100 steps, 50 candidate and 1,000 baseline requests a step, both erring once in a
        // thousand, judged every fifth step against a relative limit of 10 %. The normal sequence the rollback rested on
        // before leant the small arm's shrunk rate toward ½ and rolled back 31 of these 300 (10 %, at 95 %).
        const int runs = 300;
        var spec = new Specs.RollbackThresholdSpec { Metric = Specs.TelemetryMetric.ErrorRate, Change = ChangeLimit.RelativeIncrease, Limit = 0.10, MinSamples = 100, Sequential = new Specs.SequentialSpec { Confidence = 0.95, BaselineRatio = 20 } };
        var guardrail = new Guardrail { Id = "rare/errors", Policy = "rare", Member = "Errors", Kind = GuardrailKind.RollbackThreshold, Spec = spec, Stages = Stages.Canary, Owner = "o", Requirement = "q" };
        var random = new Random(41);
        var rolledBack = 0;
        for (var run = 0; run < runs; run++)
        {
            long candidate = 0, baseline = 0, n = 0;
            var outcome = Outcome.Inconclusive;
            for (var step = 1; step <= 100 && outcome == Outcome.Inconclusive; step++)
            {
                for (var i = 0; i < 50; i++, n++)
                {
                    candidate += random.NextDouble() < 0.001 ? 1 : 0;
                    for (var j = 0; j < 20; j++)
                    {
                        baseline += random.NextDouble() < 0.001 ? 1 : 0;
                    }
                }

                if (step % 5 == 0)
                {
                    var facts = FactIndex.Of([Errors(Role.Candidate, n, candidate / (double)n), Errors(Role.Baseline, 20 * n, baseline / (20.0 * n))]);
                    outcome = SequentialCheck.Evaluate(guardrail, spec, spec.Sequential, facts).Outcome;
                }
            }

            rolledBack += outcome == Outcome.Fail ? 1 : 0;
        }

        Assert.IsLessThanOrEqualTo(0.05 * runs, rolledBack, $"{rolledBack} of {runs} identical canaries rolled back");
    }

    [TestMethod]
    public void AnUnclearLook_IsInconclusive_KeepMeasuring()
    {
        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/errors", [Canary, Errors(Role.Candidate, 400, 0.025), Errors(Role.Baseline, 400, 0.02)]);

        Assert.IsLessThan(0.01, finding.Lower!.Value);
        Assert.IsGreaterThan(0.01, finding.Upper!.Value);
        StringAssert.Contains(finding.Reason, "straddles the limit of 0.01; keep measuring");
    }

    [TestMethod]
    public void WithinTheBand_ButBelowTheMinimumSamples_DoesNotPromote()
    {
        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/latency",
            [Canary, Samples(Role.Candidate, 150, 1.0, sigma: 0.001), Samples(Role.Baseline, 150, 1.0, sigma: 0.001)]);

        StringAssert.Contains(finding.Reason, "150 samples of the 200 needed to promote");
    }

    [TestMethod]
    public void ALatencyShift_Fails_AndNone_Passes()
    {
        var slower = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/latency", [Canary, Samples(Role.Candidate, 4000, 1.25), Samples(Role.Baseline, 4000, 1.0)]);
        var same = GuardrailAssert.Passes(GuardrailPack.Instance, "sequential/latency", [Canary, Samples(Role.Candidate, 20000, 1.0), Samples(Role.Baseline, 20000, 1.0)]);

        Assert.AreEqual(0.25, slower.Observed!.Value, 0.03, "the geometric mean's relative shift");
        StringAssert.Contains(slower.Reason, "at 90 % confidence, valid at every look");
        Assert.IsLessThanOrEqualTo(0.05, same.Upper!.Value);
    }

    [TestMethod]
    public void ASampleThatIsNotANumber_FailsASequenceThatSaysSo_AsTheFixedHorizonTestDoes()
    {
        var ttft = (Role role, double extra) => new MetricSamples(role, "all", SampledMetric.Ttft, [.. Samples(role, 20000, 1.0).Values, extra]);

        var strict = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/strict-ttft", [Canary, ttft(Role.Candidate, double.NaN), ttft(Role.Baseline, 300)]);
        GuardrailAssert.Passes(GuardrailPack.Instance, "sequential/strict-ttft", [Canary, ttft(Role.Candidate, 300), ttft(Role.Baseline, 300)]);

        StringAssert.Contains(strict.Reason, "1 samples are not numbers; this guardrail fails on any (WhenNaN = Fail)");
    }

    [TestMethod]
    public void ALongerTail_FailsTheP95Sequence_AndTheSameDistribution_Passes()
    {
        var longer = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/p95", [Canary, Samples(Role.Candidate, 4000, 1.0, sigma: 0.7), Samples(Role.Baseline, 4000, 1.0)]);
        var same = GuardrailAssert.Passes(GuardrailPack.Instance, "sequential/p95", [Canary, Samples(Role.Candidate, 20000, 1.0), Samples(Role.Baseline, 20000, 1.0)]);
        var few = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/p95", [Canary, Samples(Role.Candidate, 300, 1.0), Samples(Role.Baseline, 300, 1.0)]);

        Assert.AreEqual(Math.Exp(1.6449 * 0.2) - 1, longer.Observed!.Value, 0.02, "the P95's relative change");
        Assert.IsGreaterThan(0.10, longer.Lower!.Value);
        Assert.IsLessThanOrEqualTo(0.10, same.Upper!.Value);
        Assert.IsGreaterThan(0.10, few.Upper!.Value, "300 samples an arm cannot place a P95 within 10 %");
    }

    [TestMethod]
    public void ATailBeyondTheLastBucket_FailsTheP95Sequence_NeverDroppedAsNotANumber()
    {
        // A histogram quantile beyond the last bucket is +Inf: the slowest there is. The top tenth of the candidate's.
        var tail = (Role role) => new MetricSamples(role, "all", SampledMetric.Latency,
            [.. Samples(role, 4000, 1.0).Values.Select((v, i) => i >= 3600 ? double.PositiveInfinity : v), double.NaN]);

        var beyond = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/p95", [Canary, tail(Role.Candidate), Samples(Role.Baseline, 4000, 1.0)]);
        var both = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/p95", [Canary, tail(Role.Candidate), tail(Role.Baseline)]);

        Assert.AreEqual(double.PositiveInfinity, beyond.Lower!.Value);
        StringAssert.Contains(beyond.Reason, "[∞, ∞]");
        Assert.AreEqual(-1, both.Lower!.Value, both.Reason);
        Assert.AreEqual(double.PositiveInfinity, both.Upper!.Value, "two tails beyond measure say nothing of the change");
    }

    [TestMethod]
    public void ALatencySequence_FailsOnACandidateTailBeyondTheLastBucket_NeverAveragesItAway()
    {
        var offTheScale = new MetricSamples(Role.Candidate, "all", SampledMetric.Latency, [.. Samples(Role.Candidate, 20000, 1.0).Values.Select((v, i) => i % 100 == 0 ? double.PositiveInfinity : v)]);

        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/latency", [Canary, offTheScale, Samples(Role.Baseline, 20000, 1.0)]);

        StringAssert.Contains(finding.Reason, "200 of 20000 candidate and 0 of 20000 baseline samples are beyond measure");
    }

    [TestMethod]
    public void ZeroLatencies_LeftOutOfTheBaseline_NeverPassACandidateThatLostThem()
    {
        // Three in ten of the baseline's requests answered at once (a cache); the candidate answers none so.
        var cached = new MetricSamples(Role.Baseline, "all", SampledMetric.Latency, [.. Samples(Role.Baseline, 20000, 1.0).Values.Select((v, i) => i % 10 < 3 ? 0 : v)]);

        var lost = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/latency", [Canary, Samples(Role.Candidate, 20000, 1.0), cached]);
        var slower = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/latency", [Canary, Samples(Role.Candidate, 20000, 1.25), cached]);

        Assert.IsLessThanOrEqualTo(0.05, lost.Upper!.Value, "the positive samples alone would have passed it");
        StringAssert.Contains(lost.Reason, "0 candidate and 6000 baseline samples are zero (or below)");
        StringAssert.Contains(lost.Reason, "judge latency by a percentile (e.g. latency_p50)");
        StringAssert.Contains(slower.Reason, "a regression, shown with confidence", "leaving the baseline's zeros out only makes it slower: a failure still stands");
    }

    [TestMethod]
    public void ZeroLatencies_LeftOutOfTheCandidate_NeverFailIt_OnTheirAbsence()
    {
        var cached = new MetricSamples(Role.Candidate, "all", SampledMetric.Latency, [.. Samples(Role.Candidate, 20000, 1.25).Values.Select((v, i) => i % 10 < 3 ? 0 : v)]);

        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/latency", [Canary, cached, Samples(Role.Baseline, 20000, 1.0)]);

        StringAssert.Contains(finding.Reason, "beyond the limit of 5 %, but 6000 candidate and 0 baseline samples are zero (or below)");
    }

    [TestMethod]
    public void HugeLatencies_FailWithBoundsWrittenShort_NeverInfinityNorThreeHundredDigits()
    {
        var huge = new MetricSamples(Role.Candidate, "all", SampledMetric.Latency, [.. Enumerable.Repeat(1e308, 500)]);

        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/latency", [Canary, huge, Samples(Role.Baseline, 500, 1.0)]);

        StringAssert.Matches(finding.Reason, new System.Text.RegularExpressions.Regex(@"relative increase \[\d\.\d+E\+30\d %, \d\.\d+E\+30\d %\]"));
        Assert.DoesNotContain("Infinity", finding.Reason);
    }

    [TestMethod]
    [DataRow(20_000_000_000_000L, false)]
    [DataRow(long.MaxValue, false)]
    [DataRow(long.MaxValue, true)]
    public void CountsBeyondTheMostTrials_StillRollBack_ButNeverPromote_AndSayWhy(long requests, bool regression)
    {
        // Counters past ten trillion requests (a hostile or broken source): the rollback's sequence still decides, the
        // exact bound a promotion rests on is not evaluated there, and the look says so instead of stalling.
        var candidate = Errors(Role.Candidate, requests, regression ? 0.06 : 0.02);
        var baseline = Errors(Role.Baseline, requests, 0.02);

        if (regression)
        {
            GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/errors", [Canary, candidate, baseline]);
            return;
        }

        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/errors", [Canary, candidate, baseline]);
        Assert.AreEqual(1, finding.Upper!.Value);
        StringAssert.Contains(finding.Reason, $"past {BetaBinomialMixture.MostTrials} an arm the exact bound a promotion rests on cannot be evaluated");
    }

    [TestMethod]
    [DataRow(1.5)]
    [DataRow(-0.5)]
    [DataRow(double.PositiveInfinity)]
    [DataRow(double.NaN)]
    public void ARateThatIsNotAShare_IsAnError_NamingIt(double rate)
    {
        var finding = GuardrailAssert.Expect(GuardrailPack.Instance, "sequential/errors", [Canary, Errors(Role.Candidate, 5000, rate), Errors(Role.Baseline, 5000, 0.02)], Outcome.Error);

        StringAssert.Contains(finding.Reason, "candidate error_rate is ");
        StringAssert.Contains(finding.Reason, "expected a rate between 0 and 1");
    }

    [TestMethod]
    public void ACostlierCandidate_FailsTheCostSequence_AndTheSameCost_Passes()
    {
        var costlier = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/cost", [Canary, Costs(Role.Candidate, 4000, 0.003), Costs(Role.Baseline, 4000, 0.002)]);
        var same = GuardrailAssert.Passes(GuardrailPack.Instance, "sequential/cost", [Canary, Costs(Role.Candidate, 20000, 0.002), Costs(Role.Baseline, 20000, 0.002)]);
        var few = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/cost", [Canary, Costs(Role.Candidate, 100, 0.002), Costs(Role.Baseline, 100, 0.002)]);

        Assert.AreEqual(0.5, costlier.Observed!.Value, 0.01, "the relative change of the mean cost");
        Assert.IsGreaterThan(0.10, costlier.Lower!.Value);
        StringAssert.Contains(costlier.Reason, "usd_per_1k_requests relative increase [");
        Assert.IsLessThanOrEqualTo(0.10, same.Upper!.Value);
        Assert.IsGreaterThan(0.10, few.Upper!.Value, "100 skewed costs an arm cannot place the mean within 10 %");
    }

    [TestMethod]
    public void AnAbsoluteCostLimit_IsInDollarsPerThousandRequests()
    {
        var cents = (Role role, double usd) => Costs(role, 20000, usd, slice: "interactive");

        var within = GuardrailAssert.Passes(GuardrailPack.Instance, "sequential/interactive-cost", [Canary, cents(Role.Candidate, 0.0021), cents(Role.Baseline, 0.002)]);
        var beyond = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/interactive-cost", [Canary, cents(Role.Candidate, 0.003), cents(Role.Baseline, 0.002)]);

        Assert.AreEqual(0.1, within.Observed!.Value, 0.01, "10 cents more per 1,000 requests");
        Assert.AreEqual(1.0, beyond.Observed!.Value, 0.02);
        StringAssert.Contains(beyond.Reason, "beyond the limit of 0.5");
    }

    [TestMethod]
    public void ACostSequence_WithoutEveryRequestsCost_IsInconclusive_AndOverAFreeBaseline_FailsWithAReason()
    {
        var missing = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/cost", [Canary, Costs(Role.Candidate, 4000, 0.002)]);
        var free = GuardrailAssert.Fails(GuardrailPack.Instance, "sequential/cost", [Canary, Costs(Role.Candidate, 4000, 0.002), new MetricSamples(Role.Baseline, "all", SampledMetric.Cost, [.. Enumerable.Repeat(0.0, 4000)])]);
        var overNothing = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/cost",
            [Canary, new MetricSamples(Role.Candidate, "all", SampledMetric.Cost, [.. Costs(Role.Candidate, 4000, 0.002).Values, double.PositiveInfinity]), Costs(Role.Baseline, 4000, 0.002)]);

        StringAssert.Contains(missing.Reason, "every request's figure is needed for both candidate and baseline");
        StringAssert.Contains(free.Reason, "a relative change from a mean of 0 to 1.99");
        StringAssert.Contains(free.Reason, "is undefined; give this metric an absolute limit");
        StringAssert.Contains(overNothing.Reason, "a request's figure is Infinity; expected a finite figure from 0 to ");
        var freeCandidate = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/cost",
            [Canary, new MetricSamples(Role.Candidate, "all", SampledMetric.Cost, [.. Enumerable.Repeat(0.0, 4000)]), Costs(Role.Baseline, 4000, 0.002)]);
        StringAssert.Contains(freeCandidate.Reason, "a relative change to zero cannot be bounded on a log scale", "a free candidate is held, never rolled back as a regression");
        var huge = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/cost",
            [Canary, Costs(Role.Candidate, 4000, 0.002), new MetricSamples(Role.Baseline, "all", SampledMetric.Cost, [.. Costs(Role.Baseline, 4000, 0.002).Values, 1e200])]);
        StringAssert.Contains(huge.Reason, "a request's figure is 1E+200", "a figure whose square overflows cannot be bounded");
    }

    [TestMethod]
    public void APackWithASequentialCost_AsksForEachRequestsCost() =>
        CollectionAssert.Contains(GuardrailPack.Instance.SampledMetrics.ToList(), new SampleDemand(SampledMetric.Cost, "interactive"));

    [TestMethod]
    public void AP95Sequence_WithoutRawSamples_IsInconclusive_NeverAPass()
    {
        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "sequential/p95",
            [Canary, new SliceMetrics { Role = Role.Candidate, Slice = "all", Requests = 5000 }, new SliceMetrics { Role = Role.Baseline, Slice = "all", Requests = 5000 }]);

        StringAssert.Contains(finding.Reason, "the raw samples of both candidate and baseline are needed");
    }

    [TestMethod]
    public void APackWithASequentialP95_AsksForTheLatencySamples() =>
        CollectionAssert.Contains(GuardrailPack.Instance.SampledMetrics.ToList(), new SampleDemand(SampledMetric.Latency, "all"));

    [TestMethod]
    public void TheSeries_RollsBackAtTheFirstFailure_AndPromotesAfterItsMinimum()
    {
        var rules = new MeasurementRules(10, TimeSpan.FromMinutes(1));
        var failing = new MeasurementSeries(rules, promoteAfter: 3);
        var passing = new MeasurementSeries(rules, promoteAfter: 3);
        var undecided = new MeasurementSeries(rules, promoteAfter: 3);

        Assert.AreEqual(MeasurementStatus.Running, failing.Add(Outcome.Inconclusive), "an unclear look counts toward no limit");
        Assert.AreEqual(MeasurementStatus.Failed, failing.Add(Outcome.Fail));
        Assert.AreEqual(MeasurementStatus.Running, passing.Add(Outcome.Pass), "a pass before the minimum duration does not promote");
        Assert.AreEqual(MeasurementStatus.Running, passing.Add(Outcome.Inconclusive));
        Assert.AreEqual(MeasurementStatus.Passed, passing.Add(Outcome.Pass));
        StringAssert.Contains(passing.Reason, "at measurement 3 of 10: promoted early");
        for (var i = 0; i < 9; i++)
        {
            undecided.Add(Outcome.Inconclusive);
        }

        Assert.AreEqual(MeasurementStatus.Inconclusive, undecided.Add(Outcome.Inconclusive), "the count reached without a decision holds");
    }

    [TestMethod]
    public void AMinimumDurationBeyondTheCount_Holds_NeverPromotes()
    {
        var series = new MeasurementSeries(new MeasurementRules(3, TimeSpan.Zero), promoteAfter: int.MaxValue);

        series.Add(Outcome.Pass);
        series.Add(Outcome.Pass);

        Assert.AreEqual(MeasurementStatus.Inconclusive, series.Add(Outcome.Pass));
        StringAssert.Contains(series.Reason, "showed the change within the limit, but the minimum duration is longer than the measurements reach");
    }

    [TestMethod]
    public void TheGenerator_WritesWhatTheSequenceIs()
    {
        var latency = GuardrailPack.Instance.Find("sequential/latency")!;

        StringAssert.Contains(latency.Requirement, "judged by a confidence sequence, each bound at 90 % and valid at every look");
        StringAssert.Contains(GuardrailPack.Instance.CanonicalForm, "\"sequential\":{\"confidence\":0.9,\"minDurationSeconds\":300}");
    }

    /// <summary>Log-normal costs (σ = 1, skewed as token counts are) with the given mean in dollars: evenly spread quantiles.</summary>
    private static MetricSamples Costs(Role role, int n, double meanUsd, string slice = "all")
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = meanUsd * Math.Exp(Statistics.Normal.Quantile((i + 0.5) / n) - 0.5);
        }

        return new MetricSamples(role, slice, SampledMetric.Cost, values);
    }

    /// <summary>Log-normal latencies around 300 ms, scaled: evenly spread quantiles, not random draws.</summary>
    private static MetricSamples Samples(Role role, int n, double scale, double sigma = 0.5, SampledMetric metric = SampledMetric.Latency)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var z = Statistics.Normal.Quantile((i + 0.5) / n);
            values[i] = 300 * scale * Math.Exp(sigma * z);
        }

        return new MetricSamples(role, "all", metric, values);
    }
}
