using PolicyEngine.Evaluation;
using PolicyEngine.Testing;

namespace PolicyEngine.Tests;

/// <summary>The framework's guardrail kinds through real NRules sessions: each can pass, fail, and lack data, and none passes on nothing.</summary>
[TestClass]
public sealed class FrameworkTests
{
    private static RolloutContext Release(Lever lever = Lever.Scale, Stages stage = Stages.Canary) => new("m", "2", lever, stage, DateTimeOffset.UnixEpoch);

    private static SliceMetrics Telemetry(Role role, string slice = "all", double? calibration = null, long calibrated = 0, double? throughput = null, double? hallucination = null, double? costPerCorrect = null) => new()
    {
        Role = role,
        Slice = slice,
        Requests = 500,
        LabeledRequests = 400,
        CalibratedRequests = calibrated,
        CalibrationError = calibration,
        TokensPerGpuSecond = throughput,
        HallucinationRate = hallucination,
        UsdPerCorrectAnswer = costPerCorrect,
    };

    private static QualityMetric Business(Role role, string slice, double accuracy) => new(role, BenchmarkLayer.Business, slice, "accuracy", accuracy, 200);

    [TestMethod]
    [DataRow(0.03, Outcome.Pass)]
    [DataRow(0.08, Outcome.Fail)]
    public void LiveCalibration_IsJudgedOnTheRowsWithAConfidence(double ece, Outcome expected)
    {
        var finding = GuardrailAssert.Expect(GuardrailPack.Instance, "framework/calibrated", [Release(), Telemetry(Role.Candidate, calibration: ece, calibrated: 250)], expected, observed: ece);

        Assert.AreEqual(250, finding.SampleCount, "calibration rests on the rows with both a confidence and a label");
    }

    [TestMethod]
    public void LiveCalibration_WithoutConfidences_IsMissingData() =>
        GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "framework/calibrated", [Release(), Telemetry(Role.Candidate)]);

    [TestMethod]
    [DataRow(0.05, Outcome.Pass)]
    [DataRow(0.08, Outcome.Fail)]
    public void CalibrationDrift_ComparesWithTheBaseline(double candidate, Outcome expected) =>
        GuardrailAssert.Expect(GuardrailPack.Instance, "framework/calibration-drift",
            [Release(), Telemetry(Role.Candidate, calibration: candidate, calibrated: 300), Telemetry(Role.Baseline, calibration: 0.04, calibrated: 300)], expected);

    [TestMethod]
    public void CalibrationDrift_OnTooFewCalibratedRows_IsInconclusive() =>
        GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "framework/calibration-drift",
            [Release(), Telemetry(Role.Candidate, calibration: 0.2, calibrated: 40), Telemetry(Role.Baseline, calibration: 0.04, calibrated: 300)]);

    [TestMethod]
    [DataRow(1800.0, Outcome.Pass)]
    [DataRow(600.0, Outcome.Fail)]
    public void ThroughputFloor_JudgesTokensPerGpuSecond(double throughput, Outcome expected)
    {
        var finding = GuardrailAssert.Expect(GuardrailPack.Instance, "framework/gpu-throughput", [Release(), Telemetry(Role.Candidate, throughput: throughput)], expected, observed: throughput);

        Assert.AreEqual(1000, finding.Threshold);
    }

    [TestMethod]
    public void ThroughputFloor_WithoutGpuTime_IsMissingData()
    {
        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "framework/gpu-throughput", [Release(), Telemetry(Role.Candidate)]);

        StringAssert.Contains(finding.Reason, "gpu_seconds");
    }

    [TestMethod]
    public void BroadGain_OnThreeSlices_Passes()
    {
        var finding = GuardrailAssert.Passes(GuardrailPack.Instance, "framework/broad-gain",
        [
            Release(),
            Business(Role.Candidate, "billing", 0.90), Business(Role.Baseline, "billing", 0.85),
            Business(Role.Candidate, "search", 0.88), Business(Role.Baseline, "search", 0.86),
            Business(Role.Candidate, "returns", 0.80), Business(Role.Baseline, "returns", 0.78),
            Business(Role.Candidate, "legal", 0.70), Business(Role.Baseline, "legal", 0.71),
        ], observed: 3);

        StringAssert.Contains(finding.Reason, "improved by at least 0.01 on 3 of 4 slices, 3 needed");
        StringAssert.Contains(finding.Reason, "billing +0.05");
        StringAssert.Contains(finding.Reason, "legal −0.01");
    }

    [TestMethod]
    public void AGainConfinedToOneSlice_Fails_AndSaysSo()
    {
        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, "framework/broad-gain",
        [
            Release(),
            Business(Role.Candidate, "billing", 0.99), Business(Role.Baseline, "billing", 0.80),
            Business(Role.Candidate, "search", 0.86), Business(Role.Baseline, "search", 0.86),
            Business(Role.Candidate, "returns", 0.785), Business(Role.Baseline, "returns", 0.78),
            Business(Role.Candidate, "all", 0.95), Business(Role.Baseline, "all", 0.80),
        ], observed: 1);

        StringAssert.Contains(finding.Reason, "on 1 of 3 slices, 3 needed: the gain is confined, not broad");
    }

    [TestMethod]
    public void BroadGain_WithoutBaselineSlices_IsMissingData_NeverAPass() =>
        GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "framework/broad-gain", [Release(), Business(Role.Candidate, "billing", 0.99)]);

    [TestMethod]
    [DataRow(0.02, 0.05, Outcome.Pass)]
    [DataRow(0.06, 0.05, Outcome.Fail)]
    public void AShareOfSlices_IsAMinimum_InTheMetricsGoodDirection(double candidateOnSearch, double baseline, Outcome expected) =>
        GuardrailAssert.Expect(GuardrailPack.Instance, "framework/fewer-hallucinations",
        [
            Release(),
            Telemetry(Role.Candidate, "billing", hallucination: 0.01), Telemetry(Role.Baseline, "billing", hallucination: baseline),
            Telemetry(Role.Candidate, "search", hallucination: candidateOnSearch), Telemetry(Role.Baseline, "search", hallucination: baseline),
            Telemetry(Role.Candidate, "returns", hallucination: 0.09), Telemetry(Role.Baseline, "returns", hallucination: baseline),
        ], expected);

    [TestMethod]
    public void BenchmarkCoverage_NamesTheLayersNobodyRan()
    {
        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, "framework/stack-covered",
        [
            Release(stage: Stages.Full),
            new QualityMetric(Role.Candidate, BenchmarkLayer.Academic, "all", "accuracy", 0.8, null),
            new QualityMetric(Role.Candidate, BenchmarkLayer.Business, "billing", "accuracy", 0.9, null),
            new QualityMetric(Role.Baseline, BenchmarkLayer.Adversarial, "all", "accuracy", 0.7, null),
        ], observed: 2);

        StringAssert.Contains(finding.Reason, "covers 2 of 4 required layers; missing: production-offline, adversarial");
    }

    [TestMethod]
    public void BenchmarkCoverage_OfAllFourLayers_Passes() =>
        GuardrailAssert.Passes(GuardrailPack.Instance, "framework/stack-covered",
        [
            Release(stage: Stages.Full),
            .. new[] { BenchmarkLayer.Academic, BenchmarkLayer.ProductionOffline, BenchmarkLayer.Adversarial, BenchmarkLayer.Business }
                .Select(l => (object)new QualityMetric(Role.Candidate, l, "all", "task_success", 0.8, null)),
        ], observed: 4);

    [TestMethod]
    public void BenchmarkCoverage_WithoutAReport_IsMissingData_EvenWithLiveLabels() =>
        GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "framework/stack-covered",
            [Release(stage: Stages.Full), Telemetry(Role.Candidate, hallucination: 0.01)]);

    [TestMethod]
    public void ALeverGuardrail_JudgesItsLevers_AndNoOther()
    {
        object[] expensive = [Telemetry(Role.Candidate, costPerCorrect: 0.05)];

        GuardrailAssert.Fails(GuardrailPack.Instance, "framework/scale-economics", [Release(Lever.Scale), .. expensive]);
        GuardrailAssert.Fails(GuardrailPack.Instance, "framework/scale-economics", [Release(Lever.Hybrid), .. expensive]);
        var findings = CompiledPack.For(GuardrailPack.Instance).Evaluate([Release(Lever.DataCuration), .. expensive]);
        Assert.IsFalse(findings.Any(f => f.GuardrailId == "framework/scale-economics"), "a data-curation release is not judged by a scale guardrail");
        Assert.IsTrue(findings.Any(f => f.GuardrailId == "framework/gpu-throughput"), "while every-lever guardrails still judge it");
        StringAssert.Contains(GuardrailPack.Instance.Find("framework/scale-economics")!.Requirement, "for scale, hybrid releases only");
        Assert.AreEqual(Levers.Scale | Levers.Hybrid, GuardrailPack.Instance.Find("framework/scale-economics")!.Levers);
    }
}
