using PolicyEngine.Evaluation;
using PolicyEngine.Testing;

namespace PolicyEngine.Tests;

/// <summary>A custom guardrail returning bool? or GuardrailResult, through generated rules and a real session.</summary>
[TestClass]
public sealed class ThreeValuedGuardrailTests
{
    private static readonly RolloutContext Release = new("m", "1", Lever.Scale, Stages.Canary, DateTimeOffset.UnixEpoch);

    private static SliceMetrics Telemetry(double? accuracy = null, double? errorRate = null) => new()
    {
        Role = Role.Candidate,
        Slice = "all",
        Requests = 100,
        LabeledRequests = accuracy is null ? 0 : 100,
        Accuracy = accuracy,
        ErrorRate = errorRate,
    };

    [TestMethod]
    public void NullAnswer_IsInconclusive_NeverAPass()
    {
        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "three-valued/accurate-enough", [Release, Telemetry()]);
        StringAssert.Contains(finding.Reason, "cannot tell");
    }

    [TestMethod]
    public void NullAnswer_WithWhenMissingFail_Fails() =>
        GuardrailAssert.Fails(GuardrailPack.Instance, "three-valued/accurate-or-fail", [Release, Telemetry()]);

    [TestMethod]
    [DataRow(0.95, Outcome.Pass)]
    [DataRow(0.85, Outcome.Fail)]
    public void Answer_Decides(double accuracy, Outcome expected) =>
        GuardrailAssert.Expect(GuardrailPack.Instance, "three-valued/accurate-enough", [Release, Telemetry(accuracy)], expected);

    [TestMethod]
    public void Result_ShowsTheValuesItCompared()
    {
        var finding = GuardrailAssert.Fails(GuardrailPack.Instance, "three-valued/errors-low", [Release, Telemetry(errorRate: 0.05)], observed: 0.05);

        Assert.AreEqual(0.02, finding.Threshold);
        Assert.AreEqual("error rate 0.05 exceeds 0.02", finding.Reason);
    }

    [TestMethod]
    public void Result_UnmeasuredValue_IsInconclusive()
    {
        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, "three-valued/errors-low", [Release, Telemetry()]);
        Assert.AreEqual("error rate is not measured", finding.Reason);
    }

    [TestMethod]
    public void NoResult_IsAnError()
    {
        var finding = GuardrailAssert.Errors(GuardrailPack.Instance, "three-valued/returns-nothing", [Release, Telemetry()]);
        StringAssert.Contains(finding.Reason, "returned no result");
    }
}
