using PolicyEngine.Evaluation;

namespace PolicyEngine.Tests;

/// <summary>The verdict rules of docs/architecture.md, each reachable, and nothing but pass or warn exits 0.</summary>
[TestClass]
public sealed class DecisionTests
{
    private static Finding F(Outcome outcome, Severity severity = Severity.Block, GuardrailKind kind = GuardrailKind.LatencyBudget, string id = "p/g") =>
        new(id, kind, severity, outcome, "all", null, null, null, $"{id} {outcome}");

    [TestMethod]
    [DataRow(Stages.Offline)]
    [DataRow(Stages.Canary)]
    public void Fold_AllPass_Passes(Stages stage)
    {
        var decision = Decision.Fold([F(Outcome.Pass), F(Outcome.Waived, id: "p/w")], stage);
        Assert.AreEqual(Verdict.Pass, decision.Verdict);
        Assert.AreEqual(0, decision.ExitCode);
    }

    [TestMethod]
    public void Fold_NoFindings_IsErrorNotPass()
    {
        var decision = Decision.Fold([], Stages.Full);
        Assert.AreEqual(Verdict.Error, decision.Verdict);
        Assert.AreEqual(4, decision.ExitCode);
    }

    [TestMethod]
    public void Fold_ErrorBesideFailures_IsError() =>
        Assert.AreEqual(Verdict.Error, Decision.Fold([F(Outcome.Fail, kind: GuardrailKind.RollbackThreshold), F(Outcome.Error, Severity.Info, id: "p/e")], Stages.Canary).Verdict);

    [TestMethod]
    public void Fold_RollbackFailedInCanary_RollsBack()
    {
        var decision = Decision.Fold([F(Outcome.Fail, kind: GuardrailKind.RollbackThreshold, id: "p/errors"), F(Outcome.Fail, id: "p/latency")], Stages.Canary);
        Assert.AreEqual(Verdict.Rollback, decision.Verdict);
        Assert.AreEqual(2, decision.ExitCode);
        StringAssert.StartsWith(decision.Reason, "p/errors:");
    }

    [TestMethod]
    public void Fold_RollbackFailedInFullStage_Blocks() =>
        Assert.AreEqual(Verdict.Block, Decision.Fold([F(Outcome.Fail, kind: GuardrailKind.RollbackThreshold)], Stages.Full).Verdict);

    [TestMethod]
    public void Fold_BlockingFailure_Blocks() =>
        Assert.AreEqual(1, Decision.Fold([F(Outcome.Pass, id: "p/a"), F(Outcome.Fail, id: "p/b")], Stages.Offline).ExitCode);

    [TestMethod]
    public void Fold_InconclusiveOutsideCanary_Blocks() =>
        Assert.AreEqual(Verdict.Block, Decision.Fold([F(Outcome.Inconclusive)], Stages.Offline).Verdict);

    [TestMethod]
    public void Fold_InconclusiveInCanary_Holds()
    {
        var decision = Decision.Fold([F(Outcome.Pass, id: "p/a"), F(Outcome.Inconclusive, id: "p/b")], Stages.Canary);
        Assert.AreEqual(Verdict.Hold, decision.Verdict);
        Assert.AreEqual(3, decision.ExitCode);
    }

    [TestMethod]
    public void Fold_OnlyWarningFailed_WarnsWithExitZero()
    {
        var decision = Decision.Fold([F(Outcome.Pass, id: "p/a"), F(Outcome.Fail, Severity.Warn, id: "p/b"), F(Outcome.Fail, Severity.Info, id: "p/c")], Stages.Full);
        Assert.AreEqual(Verdict.Warn, decision.Verdict);
        Assert.AreEqual(0, decision.ExitCode);
        StringAssert.StartsWith(decision.Reason, "p/b:");
    }

    [TestMethod]
    public void Fold_OnlyInfoFailed_Passes() =>
        Assert.AreEqual(Verdict.Pass, Decision.Fold([F(Outcome.Fail, Severity.Info)], Stages.Full).Verdict);
}
