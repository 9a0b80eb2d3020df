using PolicyEngine.Evaluation;
using PolicyEngine.Testing;

namespace PolicyEngine.Tests;

/// <summary>No fault, bad figure or missing fact turns into a pass.</summary>
[TestClass]
public sealed class FailClosedTests
{
    private static readonly RolloutContext Release = new("m", "1", Lever.Scale, Stages.Canary, DateTimeOffset.UnixEpoch);

    private static SliceMetrics Telemetry(double p95) => new()
    {
        Role = Role.Candidate,
        Slice = "all",
        Requests = 10,
        Latency = new Percentiles([new(95, p95)]),
    };

    [TestMethod]
    public void CustomGuardrail_PredicateThrows_IsErrorFindingNamingTheException()
    {
        var finding = GuardrailAssert.Errors(GuardrailPack.Instance, "faulty/throws", [Release, Telemetry(50)]);
        StringAssert.Contains(finding.Reason, "InvalidOperationException: boom");
    }

    [TestMethod]
    public void LatencyBudget_NaNLatency_IsErrorNotPass()
    {
        var finding = GuardrailAssert.Errors(GuardrailPack.Instance, "faulty/p95", [Release, Telemetry(double.NaN)]);
        StringAssert.Contains(finding.Reason, "NaN");
    }

    [TestMethod]
    public void QualityFloor_MissingWithWhenMissingFail_Fails() =>
        GuardrailAssert.Fails(GuardrailPack.Instance, "faulty/accuracy", [Release]);

    [TestMethod]
    public void Evaluate_NoRolloutContext_IsRefused() =>
        Assert.ThrowsExactly<ArgumentException>(() => CompiledPack.For(GuardrailPack.Instance).Evaluate([Telemetry(50)]));

    [TestMethod]
    public void Evaluate_TwoRolloutContexts_IsRefused() =>
        Assert.ThrowsExactly<ArgumentException>(() => CompiledPack.For(GuardrailPack.Instance).Evaluate([Release, Release with { Version = "2" }]));

    [TestMethod]
    public void Evaluate_AGivenFactIndex_IsRefused_ItIsBuiltFromTheFacts() =>
        Assert.ThrowsExactly<ArgumentException>(() => CompiledPack.For(GuardrailPack.Instance).Evaluate([Release, Telemetry(50), FactIndex.Of([Telemetry(900)])]));

    [TestMethod]
    public void Evaluate_ContextInSeveralStages_IsRefused() =>
        Assert.ThrowsExactly<ArgumentException>(() => CompiledPack.For(GuardrailPack.Instance).Evaluate([Release with { Stage = Stages.All }, Telemetry(50)]));

    [TestMethod]
    public void TryTakeOne_TwoFactsForOneSubject_IsError()
    {
        var guardrail = GuardrailPack.Instance.Find("faulty/p95")!;
        var finding = LatencyBudgetCheck.Evaluate(guardrail, (PolicyEngine.Specs.LatencyBudgetSpec)guardrail.Spec, FactIndex.Of([Telemetry(50), Telemetry(60)]));
        Assert.AreEqual(Outcome.Error, finding.Outcome);
        StringAssert.Contains(finding.Reason, "expected one");
    }

    [TestMethod]
    public void CompiledPack_SamePack_IsCompiledOnce() =>
        Assert.AreSame(CompiledPack.For(GuardrailPack.Instance), CompiledPack.For(GuardrailPack.Instance));
}
