using PolicyEngine.Evaluation;
using PolicyEngine.Testing;
using static PolicyEngine.Rules.Sample.Tests.Facts;

namespace PolicyEngine.Rules.Sample.Tests;

/// <summary>Each sample guardrail, passing and failing, in a real NRules session of the generated pack.</summary>
[TestClass]
public sealed class SupportAssistantTests
{
    private static readonly PolicyPack Pack = GuardrailPack.Instance;

    [TestMethod]
    public void InteractiveP95_UnderBudget_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/interactive-p95", In(Stages.Canary, Telemetry("interactive", p95: 420)), observed: 420);

    [TestMethod]
    public void InteractiveP95_OverBudget_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/interactive-p95", In(Stages.Canary, Telemetry("interactive", p95: 620)), observed: 620);

    [TestMethod]
    public void InteractiveP95_SliceAbsent_IsInconclusive()
    {
        var finding = GuardrailAssert.IsInconclusive(Pack, "support-assistant/interactive-p95", In(Stages.Canary, Telemetry("all")));
        StringAssert.Contains(finding.Reason, "interactive");
    }

    [TestMethod]
    public void InteractiveTtftP99_OverBudget_FailsAsWarning()
    {
        var finding = GuardrailAssert.Fails(Pack, "support-assistant/interactive-ttft-p99", In(Stages.Full, Telemetry("interactive", ttftP99: 240)), observed: 240);
        Assert.AreEqual(Severity.Warn, finding.Severity);
    }

    [TestMethod]
    public void InteractiveTtftP99_UnderBudget_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/interactive-ttft-p99", In(Stages.Full, Telemetry("interactive", ttftP99: 180)), observed: 180);

    [TestMethod]
    public void CostPerCorrectAnswer_UnderCeiling_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/cost-per-correct-answer", In(Stages.Canary, Telemetry(usdPerCorrectAnswer: 0.004)), observed: 0.004);

    [TestMethod]
    public void CostPerCorrectAnswer_OverCeiling_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/cost-per-correct-answer", In(Stages.Canary, Telemetry(usdPerCorrectAnswer: 0.013)), observed: 0.013);

    [TestMethod]
    public void CostPerCorrectAnswer_NoLabels_IsInconclusive() =>
        GuardrailAssert.IsInconclusive(Pack, "support-assistant/cost-per-correct-answer", In(Stages.Canary, Telemetry(usdPerCorrectAnswer: null)));

    [TestMethod]
    public void BillingAccuracy_AboveFloor_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/billing-accuracy",
            In(Stages.Offline, new QualityMetric(Role.Candidate, BenchmarkLayer.Business, "billing", "accuracy", 0.93, 400)), observed: 0.93);

    [TestMethod]
    public void BillingAccuracy_BelowFloor_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/billing-accuracy",
            In(Stages.Offline, new QualityMetric(Role.Candidate, BenchmarkLayer.Business, "billing", "accuracy", 0.88, 400)), observed: 0.88);

    [TestMethod]
    public void BillingAccuracy_OtherLayerOnly_IsInconclusive() =>
        GuardrailAssert.IsInconclusive(Pack, "support-assistant/billing-accuracy",
            In(Stages.Offline, new QualityMetric(Role.Candidate, BenchmarkLayer.Academic, "billing", "accuracy", 0.99, 400)));

    [TestMethod]
    public void OfflineAccuracyRegression_WithinOnePoint_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/offline-accuracy-regression", In(Stages.Offline,
            new QualityMetric(Role.Candidate, BenchmarkLayer.ProductionOffline, "all", "accuracy", 0.915, 2000),
            new QualityMetric(Role.Baseline, BenchmarkLayer.ProductionOffline, "all", "accuracy", 0.92, 2000)), observed: 0.915);

    [TestMethod]
    public void OfflineAccuracyRegression_TwoPointsDown_Fails()
    {
        var finding = GuardrailAssert.Fails(Pack, "support-assistant/offline-accuracy-regression", In(Stages.Offline,
            new QualityMetric(Role.Candidate, BenchmarkLayer.ProductionOffline, "all", "accuracy", 0.90, 2000),
            new QualityMetric(Role.Baseline, BenchmarkLayer.ProductionOffline, "all", "accuracy", 0.92, 2000)));
        StringAssert.Contains(finding.Reason, "regressed by 0.02");
    }

    [TestMethod]
    public void OfflineAccuracyRegression_NoBaseline_IsInconclusive() =>
        GuardrailAssert.IsInconclusive(Pack, "support-assistant/offline-accuracy-regression", In(Stages.Offline,
            new QualityMetric(Role.Candidate, BenchmarkLayer.ProductionOffline, "all", "accuracy", 0.95, 2000)));

    [TestMethod]
    public void AdversarialHallucinations_UnderMax_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/adversarial-hallucinations",
            In(Stages.Offline, new QualityMetric(Role.Candidate, BenchmarkLayer.Adversarial, "all", "hallucination_rate", 0.015, 500)), observed: 0.015);

    [TestMethod]
    public void AdversarialHallucinations_OverMax_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/adversarial-hallucinations",
            In(Stages.Offline, new QualityMetric(Role.Candidate, BenchmarkLayer.Adversarial, "all", "hallucination_rate", 0.05, 500)), observed: 0.05);

    [TestMethod]
    public void ErrorRateRegression_SmallRise_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/error-rate-regression",
            In(Stages.Canary, Telemetry(errorRate: 0.0105), Telemetry(role: Role.Baseline, errorRate: 0.01)), observed: 0.05);

    [TestMethod]
    public void ErrorRateRegression_FiftyPercentRise_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/error-rate-regression",
            In(Stages.Canary, Telemetry(errorRate: 0.015), Telemetry(role: Role.Baseline, errorRate: 0.01)), observed: 0.5);

    [TestMethod]
    public void ErrorRateRegression_TooFewSamples_IsInconclusive() =>
        GuardrailAssert.IsInconclusive(Pack, "support-assistant/error-rate-regression",
            In(Stages.Canary, Telemetry(requests: 200, errorRate: 0.5), Telemetry(role: Role.Baseline, errorRate: 0.01)));

    [TestMethod]
    public void ErrorRateRegression_RiseFromZeroBaseline_Fails()
    {
        var finding = GuardrailAssert.Fails(Pack, "support-assistant/error-rate-regression",
            In(Stages.Canary, Telemetry(errorRate: 0.002), Telemetry(role: Role.Baseline, errorRate: 0)));
        StringAssert.Contains(finding.Reason, "zero baseline");
    }

    [TestMethod]
    public void ErrorRateRegression_ZeroToZero_Fails_ARelativeChangeFromZeroIsUndefined()
    {
        var finding = GuardrailAssert.Fails(Pack, "support-assistant/error-rate-regression",
            In(Stages.Canary, Telemetry(errorRate: 0), Telemetry(role: Role.Baseline, errorRate: 0)));
        StringAssert.Contains(finding.Reason, "undefined; give this metric an absolute limit (MaxAbsoluteIncrease)");
    }

    [TestMethod]
    public void LatencyShift_WholeDistributionTwentyPercentSlower_Fails()
    {
        var baseline = Enumerable.Range(0, 100).Select(i => 200.0 + i).ToArray();
        var finding = GuardrailAssert.Fails(Pack, "support-assistant/latency-shift",
            In(Stages.Canary, Samples(Role.Candidate, baseline.Select(v => v * 1.2)), Samples(Role.Baseline, baseline)));
        Assert.AreEqual(0.2, finding.Observed!.Value, 0.01);
    }

    [TestMethod]
    public void LatencyShift_FasterCanary_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/latency-shift",
            In(Stages.Canary, Samples(Role.Candidate, Enumerable.Range(0, 50).Select(i => 150.0 + i)), Samples(Role.Baseline, Enumerable.Range(0, 50).Select(i => 200.0 + i))));

    [TestMethod]
    public void P95Regression_ThirtyPercentSlowerTail_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/p95-regression",
            In(Stages.Canary, Telemetry(p95: 390), Telemetry(role: Role.Baseline, p95: 300)), observed: 0.3);

    [TestMethod]
    public void TheCanaryScore_ASlowTailAlone_IsMarginal_AndHolds()
    {
        var even = Enumerable.Range(0, 100).Select(i => 200.0 + i).ToArray();
        var findings = CompiledPack.For(Pack).Evaluate(In(Stages.Canary,
            Telemetry(p95: 390), Telemetry(role: Role.Baseline, p95: 300), Samples(Role.Candidate, even), Samples(Role.Baseline, even)));
        var canary = findings.Where(f => f.Kind == GuardrailKind.RollbackThreshold).ToList();

        var decision = Decision.Fold(canary, Stages.Canary, Pack);

        // latency: the distribution passes, the P95 fails → 50; errors 100; (2 × 50 + 100) ÷ 3.
        Assert.AreEqual(66.67, decision.Scores.Single().Value);
        Assert.AreEqual(Verdict.Hold, decision.Verdict);
    }

    private static MetricSamples Samples(Role role, IEnumerable<double> values) => new(role, "all", SampledMetric.Latency, values.ToArray());

    [TestMethod]
    public void ErrorRateRegression_OfflineStage_DoesNotApply()
    {
        var findings = CompiledPack.For(Pack).Evaluate(In(Stages.Offline, Telemetry(errorRate: 0.5), Telemetry(role: Role.Baseline)));
        Assert.IsFalse(findings.Any(f => f.GuardrailId == "support-assistant/error-rate-regression"));
        Assert.IsTrue(findings.Any(f => f.GuardrailId == "support-assistant/pii-review"), "offline guardrails still yield findings");
    }

    [TestMethod]
    public void PiiReview_SignedAndFresh_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/pii-review", In(Stages.Offline, PiiReview(ageDays: 10)), observed: 10);

    [TestMethod]
    public void PiiReview_Expired_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/pii-review", In(Stages.Offline, PiiReview(ageDays: 120)), observed: 120);

    [TestMethod]
    public void PiiReview_PastItsOwnExpiry_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/pii-review", In(Stages.Offline, PiiReview(ageDays: 10) with { ExpiresAt = Now.AddDays(-1) }));

    [TestMethod]
    public void PiiReview_ExpiredBesideCurrent_UsesTheCurrentOne() =>
        GuardrailAssert.Passes(Pack, "support-assistant/pii-review",
            In(Stages.Offline, PiiReview(ageDays: 5) with { ExpiresAt = Now.AddDays(-1) }, PiiReview(ageDays: 20) with { Digest = "sha256:cd", ExpiresAt = Now.AddDays(30) }),
            observed: 20);

    [TestMethod]
    public void PiiReview_Unsigned_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/pii-review", In(Stages.Offline, PiiReview(signature: SignatureStatus.Unsigned)));

    [TestMethod]
    public void PiiReview_ForgedBesideValid_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/pii-review", In(Stages.Offline, PiiReview(), PiiReview(ageDays: 3, signature: SignatureStatus.Invalid)));

    [TestMethod]
    public void PiiReview_ForAnotherVersion_Fails()
    {
        var finding = GuardrailAssert.Fails(Pack, "support-assistant/pii-review", In(Stages.Offline, PiiReview(version: "1.0.0")));
        StringAssert.Contains(finding.Reason, "not for support-assistant 2.1.0");
    }

    [TestMethod]
    public void PiiReview_Absent_FailsBecauseComplianceGatesFailOnMissingEvidence() =>
        GuardrailAssert.Fails(Pack, "support-assistant/pii-review", In(Stages.Offline));

    [TestMethod]
    public void RedTeamSignOff_SignedInCanary_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/red-team-sign-off", In(Stages.Canary,
            new Evidence("red-team", "support-assistant", "2.1.0", "red-team@contoso.example", Now.AddDays(-400), "sha256:cd", SignatureStatus.Valid)));

    [TestMethod]
    public void RedTeamSignOff_UntrustedKey_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/red-team-sign-off", In(Stages.Canary,
            new Evidence("red-team", "support-assistant", "2.1.0", "someone@example.org", Now.AddDays(-1), "sha256:cd", SignatureStatus.UntrustedKey)));

    [TestMethod]
    public void ProbeLatency_FastOnCuda_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/probe-latency", In(Stages.Offline, Probe(ExecutionProvider.Cuda, p95: 12)), observed: 12);

    [TestMethod]
    public void ProbeLatency_SlowOnCuda_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/probe-latency", In(Stages.Offline, Probe(ExecutionProvider.Cuda, p95: 31)), observed: 31);

    [TestMethod]
    public void ProbeLatency_FastButOnCpuFallback_Fails()
    {
        var finding = GuardrailAssert.Fails(Pack, "support-assistant/probe-latency", In(Stages.Offline, Probe(ExecutionProvider.Cpu, p95: 5)));
        StringAssert.Contains(finding.Reason, "requires Cuda");
    }

    [TestMethod]
    public void ProbeLatency_Incomplete_IsInconclusive() =>
        GuardrailAssert.IsInconclusive(Pack, "support-assistant/probe-latency", In(Stages.Offline, Probe(complete: false)));

    [TestMethod]
    public void ProbeAgreement_HighAgreement_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/probe-agreement", In(Stages.Offline, Probe(agreement: 0.995)), observed: 0.995);

    [TestMethod]
    public void ProbeAgreement_LowAgreement_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/probe-agreement", In(Stages.Offline, Probe(agreement: 0.9)), observed: 0.9);

    [TestMethod]
    public void NoSliceRegression_SameAccuracy_PassesOnEverySlice()
    {
        var facts = In(Stages.Canary,
            Telemetry("all", accuracy: 0.9), Telemetry("all", Role.Baseline, accuracy: 0.9),
            Telemetry("billing", accuracy: 0.85), Telemetry("billing", Role.Baseline, accuracy: 0.855));
        GuardrailAssert.Passes(Pack, "support-assistant/no-slice-regression", facts, slice: "all");
        GuardrailAssert.Passes(Pack, "support-assistant/no-slice-regression", facts, slice: "billing");
    }

    [TestMethod]
    public void NoSliceRegression_OneSliceDrops_FailsThatSliceOnly()
    {
        var facts = In(Stages.Canary,
            Telemetry("all", accuracy: 0.9), Telemetry("all", Role.Baseline, accuracy: 0.9),
            Telemetry("billing", accuracy: 0.80), Telemetry("billing", Role.Baseline, accuracy: 0.86));
        GuardrailAssert.Passes(Pack, "support-assistant/no-slice-regression", facts, slice: "all");
        GuardrailAssert.Fails(Pack, "support-assistant/no-slice-regression", facts, slice: "billing");
    }

    [TestMethod]
    public void NoSliceRegression_SliceWithoutBaseline_IsInconclusive() =>
        GuardrailAssert.IsInconclusive(Pack, "support-assistant/no-slice-regression",
            In(Stages.Canary, Telemetry("billing"), Telemetry("all", Role.Baseline)), slice: "billing");

    [TestMethod]
    public void NoSliceRegression_UnlabeledSlice_FailsNotPasses() =>
        GuardrailAssert.Fails(Pack, "support-assistant/no-slice-regression",
            In(Stages.Canary, Telemetry("billing", accuracy: null), Telemetry("billing", Role.Baseline, accuracy: 0.9)), slice: "billing");

    [TestMethod]
    public void NoSliceRegression_NoCandidateTelemetry_IsInconclusive() =>
        GuardrailAssert.IsInconclusive(Pack, "support-assistant/no-slice-regression", In(Stages.Canary, Telemetry("all", Role.Baseline)), slice: "*");

    [TestMethod]
    public void Evaluate_DuplicateTelemetryForOneSlice_IsRefused()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() =>
            CompiledPack.For(Pack).Evaluate(In(Stages.Canary, Telemetry("interactive", p95: 100), Telemetry("interactive", p95: 900))));
        StringAssert.Contains(error.Message, "slice 'interactive'");
    }
}
