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
    public void Evaluate_TwoTelemetryFactsForOneSlice_IsRefusedNamingThem()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => CompiledPack.For(GuardrailPack.Instance).Evaluate([Release, Telemetry(50), Telemetry(60)]));
        StringAssert.Contains(error.Message, "2 facts give the telemetry of the Candidate on slice 'all'");
    }

    [TestMethod]
    public void Evaluate_TwoQualityFactsOrPastDecisionsForOneSubject_AreRefused()
    {
        var accuracy = new QualityMetric(Role.Candidate, BenchmarkLayer.Business, "all", "accuracy", 0.9, 100);
        var past = new PastDecision(Guid.CreateVersion7(), DateTimeOffset.UnixEpoch, "0.9", []);

        var quality = Assert.ThrowsExactly<ArgumentException>(() => CompiledPack.For(GuardrailPack.Instance).Evaluate([Release, accuracy, accuracy with { Value = 0.5 }]));
        var history = Assert.ThrowsExactly<ArgumentException>(() => CompiledPack.For(GuardrailPack.Instance).Evaluate([Release, past, past with { Version = "0.8" }]));

        StringAssert.Contains(quality.Message, "accuracy of the Candidate on the Business layer");
        StringAssert.Contains(history.Message, $"past decision {past.DecisionId}");
    }

    [TestMethod]
    public void ASessionWithoutAFindingSink_CannotFireQuietly()
    {
        // Findings reach the caller only through the session's sink: a session made any other way must fail, not
        // finish with no findings (which would read as nothing failed).
        var factory = new NRules.Fluent.RuleDefinitionFactory().Create(GuardrailPack.Instance.CreateRules());
        var session = new NRules.RuleCompiler().Compile(factory).CreateSession();
        session.Insert(Release);
        session.Insert(FactIndex.Of([Telemetry(50)]));

        Assert.Throws<Exception>(() => session.Fire());
    }

    [TestMethod]
    public void CompiledPack_SamePack_IsCompiledOnce() =>
        Assert.AreSame(CompiledPack.For(GuardrailPack.Instance), CompiledPack.For(GuardrailPack.Instance));
}
