using PolicyEngine.Evaluation;
using PolicyEngine.Testing;

namespace PolicyEngine.Rules.Standard.Tests;

/// <summary>
/// The standard pack is lever-aware: each release answers to the scorecard and to what its own lever must show,
/// never to another lever's demands — and each lever's demands can fail.
/// </summary>
[TestClass]
public sealed class LeverTests
{
    private static readonly PolicyPack Pack = GuardrailPack.Instance;

    private static RolloutContext Release(Lever lever, Stages stage = Stages.Full) => new("doc-search", "2", lever, stage, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static IEnumerable<string> Policies(Lever lever) =>
        CompiledPack.For(Pack).Evaluate([Release(lever)]).Select(f => f.GuardrailId.Split('/')[0]).Distinct().Order(StringComparer.Ordinal);

    [TestMethod]
    [DataRow(Lever.Scale, "scale,scorecard")]
    [DataRow(Lever.Architecture, "architecture,scorecard")]
    [DataRow(Lever.DataCuration, "curation,scorecard")]
    [DataRow(Lever.Hybrid, "architecture,curation,scale,scorecard")]
    public void EachLever_AnswersToTheScorecard_AndItsOwnDemands(Lever lever, string expected) =>
        Assert.AreEqual(expected, string.Join(",", Policies(lever)));

    [TestMethod]
    public void NothingMeasured_PassesNothing()
    {
        var findings = CompiledPack.For(Pack).Evaluate([Release(Lever.Hybrid)]);

        Assert.IsFalse(findings.Any(f => f.Outcome == Outcome.Pass), string.Join("\n", findings.Where(f => f.Outcome == Outcome.Pass).Select(f => f.GuardrailId)));
        Assert.AreEqual(Verdict.Block, Decision.Fold(findings, Stages.Full, Pack).Verdict);
    }

    [TestMethod]
    public void AnArchitectureChange_ThatRegressesOneSlice_Fails_WhileAverageAccuracyHolds()
    {
        object[] facts =
        [
            Release(Lever.Architecture),
            .. Business("contracts", 0.80, 0.80), .. Business("finance", 0.74, 0.78), .. Business("hr-policies", 0.83, 0.80),
        ];

        var finding = GuardrailAssert.Fails(Pack, "architecture/no-slice-regresses", facts, observed: 2);

        StringAssert.Contains(finding.Reason, "held within 0.005 of the baseline on 2 of 3 slices, 3 needed: 1 regressed further");
        StringAssert.Contains(finding.Reason, "finance −0.04");
    }

    [TestMethod]
    public void ACurationRelease_MustGainWhereItWasAimed()
    {
        GuardrailAssert.Passes(Pack, "curation/target-slice-gain", [Release(Lever.DataCuration), .. Business("contracts", 0.80, 0.80), .. Business("finance", 0.85, 0.78)], observed: 1);
        GuardrailAssert.Fails(Pack, "curation/target-slice-gain", [Release(Lever.DataCuration), .. Business("contracts", 0.81, 0.80), .. Business("finance", 0.79, 0.78)], observed: 0);
    }

    [TestMethod]
    public void AScaleRelease_NeedsItsSafetyReview()
    {
        var finding = GuardrailAssert.Fails(Pack, "scale/safety-review", [Release(Lever.Scale)]);

        StringAssert.Contains(finding.Reason, "safety-review");
    }

    [TestMethod]
    public void EveryGuardrail_HasARationale_AndOneOwner()
    {
        Assert.IsTrue(Pack.Guardrails.All(g => g.Rationale.Length > 40), "each guardrail says why, traced to the framework");
        Assert.AreEqual(19, Pack.Guardrails.Count);
        CollectionAssert.AreEquivalent(new[] { "architecture", "curation", "scale", "scorecard" }, Pack.Guardrails.Select(g => g.Policy).Distinct().ToArray());
    }

    private static object[] Business(string slice, double candidate, double baseline) =>
    [
        new QualityMetric(Role.Candidate, BenchmarkLayer.Business, slice, "accuracy", candidate, 400),
        new QualityMetric(Role.Baseline, BenchmarkLayer.Business, slice, "accuracy", baseline, 400),
    ];
}
