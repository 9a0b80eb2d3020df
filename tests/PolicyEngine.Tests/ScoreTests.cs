using PolicyEngine.Evaluation;

namespace PolicyEngine.Tests;

/// <summary>
/// Metric groups: the scored policy's grouped thresholds fold into a weighted 0–100 score that decides through
/// its pass and marginal thresholds, while a critical threshold still vetoes alone. Latency weighs 3, quality 1;
/// pass at 90, marginal at 60.
/// </summary>
[TestClass]
public sealed class ScoreTests
{
    private static readonly RolloutContext Canary = new("m", "2", Lever.Scale, Stages.Canary, DateTimeOffset.UnixEpoch);

    private static SliceMetrics Side(Role role, double p50, double p95, double errorRate, double accuracy, long requests = 1000) => new()
    {
        Role = role,
        Slice = "all",
        Requests = requests,
        LabeledRequests = requests,
        Latency = new Percentiles([new(50, p50), new(95, p95)]),
        ErrorRate = errorRate,
        Accuracy = accuracy,
    };

    private static readonly SliceMetrics Baseline = Side(Role.Baseline, 100, 300, 0.010, 0.90);

    /// <summary>The scored policy's findings for a candidate, folded with the pack in <paramref name="stage"/>.</summary>
    private static Decision Judge(SliceMetrics candidate, Stages stage = Stages.Canary, SliceMetrics? baseline = null)
    {
        var findings = CompiledPack.For(GuardrailPack.Instance).Evaluate([Canary, candidate, baseline ?? Baseline])
            .Where(f => f.GuardrailId.StartsWith("scored/", StringComparison.Ordinal)).ToList();
        Assert.HasCount(4, findings);
        return Decision.Fold(findings, stage, GuardrailPack.Instance);
    }

    private static PolicyScore Score(Decision decision) => decision.Scores.Single(s => s.Policy == "scored");

    [TestMethod]
    [DataRow(1.0, 100.0, 31.0, 0.0, 3.13, DisplayName = "3.125 rounds half up, not half to even (3.12)")]
    [DataRow(1.0, 100.0, 7.0, 0.0, 12.5, DisplayName = "exact values stay")]
    [DataRow(3.0, 50.0, 1.0, 100.0, 62.5, DisplayName = "the docs' example")]
    [DataRow(2.0, 0.0, 1.0, 100.0, 33.33, DisplayName = "33.333… rounds down")]
    public void WeightedMean_RoundsHalfUpToTwoDecimals(double weightA, double scoreA, double weightB, double scoreB, double expected) =>
        Assert.AreEqual(expected, Scorecard.WeightedMean([(weightA, scoreA), (weightB, scoreB)]));

    [TestMethod]
    public void EveryGroupedThresholdPasses_Scores100_AndPasses()
    {
        var decision = Judge(Side(Role.Candidate, 101, 305, 0.011, 0.90));

        Assert.AreEqual(Verdict.Pass, decision.Verdict);
        Assert.AreEqual(100, Score(decision).Value);
        Assert.AreEqual(ScoreBand.Pass, Score(decision).Band);
        StringAssert.Contains(decision.Reason, "scored scored 100 of 100 (pass: pass at 90, marginal at 60)");
    }

    [TestMethod]
    public void HalfTheLatencyGroupFails_Scores62Point5_Marginal_HeldInACanary_BlockedElsewhere()
    {
        var candidate = Side(Role.Candidate, 101, 400, 0.011, 0.90);

        var canary = Judge(candidate);
        var score = Score(canary);

        // latency 1 of 2 = 50, quality 2 of 2 = 100: (3 × 50 + 1 × 100) ÷ 4 = 62.5.
        Assert.AreEqual(62.5, score.Value);
        Assert.AreEqual(ScoreBand.Marginal, score.Band);
        CollectionAssert.AreEqual(new double?[] { 50, 100 }, score.Groups.Select(g => g.Value).ToArray());
        Assert.AreEqual(1, score.Groups[0].Failed);
        Assert.AreEqual(Verdict.Hold, canary.Verdict, "a failing grouped threshold no longer rolls back alone");
        StringAssert.Contains(canary.Reason, "scored 62.5 of 100 (marginal");
        Assert.AreEqual(Verdict.Block, Judge(candidate, Stages.Full).Verdict);
    }

    [TestMethod]
    public void TheWholeLatencyGroupFails_Scores25_RollsBack()
    {
        var decision = Judge(Side(Role.Candidate, 150, 400, 0.011, 0.90));

        Assert.AreEqual(25, Score(decision).Value);
        Assert.AreEqual(ScoreBand.Fail, Score(decision).Band);
        Assert.AreEqual(Verdict.Rollback, decision.Verdict);
        Assert.AreEqual(2, decision.ExitCode);
    }

    [TestMethod]
    public void ALightGroupFailing_CostsLittle_MarginalRatherThanRolledBack()
    {
        // Errors fail (+1.5 points > 0.5), accuracy holds: quality 50; (3 × 100 + 50) ÷ 4 = 87.5 → marginal.
        Assert.AreEqual(87.5, Score(Judge(Side(Role.Candidate, 101, 305, 0.025, 0.90))).Value);

        // Alone, the failed error-rate threshold would roll back; weighed in its group, it holds for more data.
        Assert.AreEqual(Verdict.Hold, Judge(Side(Role.Candidate, 101, 305, 0.025, 0.90)).Verdict);
    }

    [TestMethod]
    public void ACriticalThresholdFailing_RollsBack_WhateverTheScore()
    {
        var decision = Judge(Side(Role.Candidate, 101, 305, 0.011, 0.85));

        Assert.AreEqual(87.5, Score(decision).Value, "accuracy counts in its group's share as well");
        Assert.AreEqual(Verdict.Rollback, decision.Verdict);
        StringAssert.StartsWith(decision.Reason, "scored/accuracy:");
    }

    [TestMethod]
    public void NothingDecided_HasNoScore_AndHolds()
    {
        var decision = Judge(Side(Role.Candidate, 101, 305, 0.011, 0.90, requests: 5), baseline: Baseline with { Requests = 5, LabeledRequests = 5 });

        Assert.IsNull(Score(decision).Value);
        Assert.AreEqual(ScoreBand.NoData, Score(decision).Band);
        Assert.IsTrue(Score(decision).Groups.All(g => g.Inconclusive == 2 && g.Value is null));
        Assert.AreEqual(Verdict.Hold, decision.Verdict);
        StringAssert.Contains(decision.Reason, "has no score");
    }

    [TestMethod]
    public void AStageWhereNoGroupedThresholdApplies_HasNoScore_AndIsNotHeldForOne()
    {
        var offline = Canary with { Stage = Stages.Offline };
        var findings = CompiledPack.For(GuardrailPack.Instance).Evaluate([offline, Side(Role.Candidate, 50, 60, 0.01, 0.9), Baseline]);
        Assert.IsFalse(findings.Any(f => f.GuardrailId.StartsWith("scored/", StringComparison.Ordinal)), "rollback thresholds judge canaries only");

        var decision = Decision.Fold(findings.Where(f => f.GuardrailId == "faulty/p95").ToList(), Stages.Offline, GuardrailPack.Instance);

        Assert.AreEqual(Verdict.Pass, decision.Verdict);
        Assert.IsEmpty(decision.Scores);
    }

    [TestMethod]
    public void APassingScore_WithAGroupedFindingInconclusive_Holds_MissingDataNeverPasses()
    {
        var noMedian = Side(Role.Candidate, 101, 305, 0.011, 0.90) with { Latency = new Percentiles([new(95, 305)]) };

        var decision = Judge(noMedian);

        // latency: P95 passes, P50 was not measured → 1 of 1 decided = 100; quality 100: the score is 100.
        Assert.AreEqual(100, Score(decision).Value);
        Assert.AreEqual(1, Score(decision).Undecided);
        Assert.AreEqual(Verdict.Hold, decision.Verdict);
        StringAssert.Contains(decision.Reason, "1 grouped findings inconclusive, so not a pass yet");
        Assert.AreEqual(Verdict.Block, Judge(noMedian, Stages.Full).Verdict);
    }

    [TestMethod]
    public void AnErrorInAGroup_IsStillAnError()
    {
        var decision = Judge(Side(Role.Candidate, double.NaN, 305, 0.011, 0.90));

        Assert.AreEqual(Verdict.Error, decision.Verdict);
    }

    [TestMethod]
    public void WithoutThePack_EveryFailureDecidesAlone()
    {
        var findings = CompiledPack.For(GuardrailPack.Instance).Evaluate([Canary, Side(Role.Candidate, 101, 305, 0.025, 0.90), Baseline])
            .Where(f => f.GuardrailId.StartsWith("scored/", StringComparison.Ordinal)).ToList();

        var decision = Decision.Fold(findings, Stages.Canary);

        Assert.AreEqual(Verdict.Rollback, decision.Verdict);
        Assert.IsEmpty(decision.Scores);
    }

    [TestMethod]
    public void TheGeneratedPack_ListsTheScorecard_AndTheGuardrailsTheirGroups()
    {
        var card = GuardrailPack.Instance.Scorecards.Single();

        Assert.AreEqual("scored", card.Policy);
        Assert.AreEqual(90, card.Pass);
        Assert.AreEqual(60, card.Marginal);
        CollectionAssert.AreEqual(new[] { new ScoreGroup("latency", 3), new ScoreGroup("quality", 1) }, card.Groups.ToArray());
        Assert.AreEqual("quality", GuardrailPack.Instance.Find("scored/accuracy")!.Group);
        Assert.IsTrue(GuardrailPack.Instance.Find("scored/accuracy")!.Critical);
        Assert.IsFalse(GuardrailPack.Instance.Find("scored/errors")!.Critical);
        StringAssert.Contains(GuardrailPack.Docs, "Scored over metric groups 'latency' (weight 3), 'quality' (weight 1): passes at 90, marginal at 60 of 100.");
    }
}
