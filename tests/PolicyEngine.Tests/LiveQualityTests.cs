using PolicyEngine.Evaluation;
using PolicyEngine.Testing;

namespace PolicyEngine.Tests;

/// <summary>The live benchmark layer is fed by labeled telemetry, so a live quality floor can pass, fail, or lack data.</summary>
[TestClass]
public sealed class LiveQualityTests
{
    private static readonly RolloutContext Release = new("m", "1", Lever.Scale, Stages.Canary, DateTimeOffset.UnixEpoch);

    private static SliceMetrics Telemetry(Role role, string slice, long labeled, double? accuracy = null, double? hallucination = null) => new()
    {
        Role = role,
        Slice = slice,
        Requests = 500,
        LabeledRequests = labeled,
        Accuracy = accuracy,
        HallucinationRate = hallucination,
    };

    [TestMethod]
    [DataRow(0.93, Outcome.Pass)]
    [DataRow(0.87, Outcome.Fail)]
    public void LiveFloor_JudgesLabeledTelemetry(double accuracy, Outcome expected)
    {
        var finding = GuardrailAssert.Expect(GuardrailPack.Instance, "live-quality/live-accuracy", [Release, Telemetry(Role.Candidate, "billing", 200, accuracy)], expected, observed: accuracy);

        Assert.AreEqual(200, finding.SampleCount, "the labeled rows are the samples");
    }

    [TestMethod]
    public void LiveFloor_NoLabels_IsMissingData_NeverAPass() =>
        GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "live-quality/live-accuracy", [Release, Telemetry(Role.Candidate, "billing", 0)]);

    [TestMethod]
    [DataRow(0.05, Outcome.Pass)]
    [DataRow(0.09, Outcome.Fail)]
    public void LiveRegression_ComparesCandidateWithBaselineLabels(double candidate, Outcome expected) =>
        GuardrailAssert.Expect(GuardrailPack.Instance, "live-quality/live-hallucination",
            [Release, Telemetry(Role.Candidate, "all", 300, hallucination: candidate), Telemetry(Role.Baseline, "all", 300, hallucination: 0.04)], expected);
}
