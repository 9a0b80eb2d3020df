using PolicyEngine.Testing;

namespace PolicyEngine.Tests;

/// <summary>Rollback thresholds that compare with the last passed decisions of the same model rather than the live baseline.</summary>
[TestClass]
public sealed class HistoryComparisonTests
{
    private const string P95 = "distributions/p95-against-history";
    private const string Errors = "distributions/errors-against-history";
    private static readonly RolloutContext Canary = new("m", "5", Lever.Scale, Stages.Canary, DateTimeOffset.UnixEpoch.AddDays(30));

    private static SliceMetrics Telemetry(double? p95, double? errorRate, long requests = 500) => new()
    {
        Role = Role.Candidate,
        Slice = "all",
        Requests = requests,
        Latency = p95 is { } p ? new Percentiles([new(95, p)]) : Percentiles.None,
        ErrorRate = errorRate,
    };

    /// <summary>A past passed decision, <paramref name="daysAgo"/> before the canary.</summary>
    private static PastDecision Past(int daysAgo, double? p95, double? errorRate = 0.01) =>
        new(Guid.NewGuid(), Canary.EvaluatedAt.AddDays(-daysAgo), $"v{30 - daysAgo}", [Telemetry(p95, errorRate)]);

    [TestMethod]
    public void ComparesWithTheMeanOfTheLastThree()
    {
        object[] history = [Past(1, 300), Past(2, 310), Past(3, 320)];

        var within = GuardrailAssert.Passes(GuardrailPack.Instance, P95, [Canary, Telemetry(330, 0.01), .. history]);
        Assert.AreEqual(20.0 / 310, within.Observed!.Value, 1e-12);
        StringAssert.Contains(within.Reason, "latency_p95 330 vs mean of the last 3 passed decisions (v29, v28, v27) 310");

        var beyond = GuardrailAssert.Fails(GuardrailPack.Instance, P95, [Canary, Telemetry(350, 0.01), .. history]);
        Assert.AreEqual(40.0 / 310, beyond.Observed!.Value, 1e-12);
    }

    [TestMethod]
    public void OnlyTheNewestCount_OlderDecisionsDoNot()
    {
        // Given out of order: the index orders them newest first.
        object[] history = [Past(9, 1000), Past(2, 310), Past(8, 1000), Past(1, 300), Past(3, 320)];

        GuardrailAssert.Fails(GuardrailPack.Instance, P95, [Canary, Telemetry(350, 0.01), .. history], observed: 40.0 / 310);
    }

    [TestMethod]
    public void ADecisionThatDidNotMeasureTheMetric_IsSkipped_NotCountedAsZero()
    {
        object[] history = [Past(1, null), Past(2, 300), Past(3, 310), Past(4, 320)];

        GuardrailAssert.Passes(GuardrailPack.Instance, P95, [Canary, Telemetry(330, 0.01), .. history], observed: 20.0 / 310);
    }

    [TestMethod]
    public void ANonFiniteFigureInThePast_IsSkipped_ItWouldMakeAnyCandidateLookBetter()
    {
        object[] history = [Past(1, double.PositiveInfinity), Past(2, double.NaN), Past(3, 300), Past(4, 310), Past(5, 320)];

        GuardrailAssert.Fails(GuardrailPack.Instance, P95, [Canary, Telemetry(350, 0.01), .. history], observed: 40.0 / 310);
    }

    [TestMethod]
    public void FewerPassedDecisionsThanAskedFor_AreInconclusive()
    {
        var finding = GuardrailAssert.IsInconclusive(GuardrailPack.Instance, P95, [Canary, Telemetry(900, 0.01), Past(1, 300), Past(2, 310)]);

        StringAssert.Contains(finding.Reason, "2 passed decisions on earlier versions measured it on slice 'all', 3 needed");
    }

    [TestMethod]
    public void ComparesWithAPercentileOfThePast_WhenAskedTo()
    {
        // Error rates 0.01, 0.02, 0.05: the median is 0.02, the mean would be 0.0267.
        object[] history = [Past(1, 300, 0.05), Past(2, 300, 0.01), Past(3, 300, 0.02)];

        GuardrailAssert.Passes(GuardrailPack.Instance, Errors, [Canary, Telemetry(300, 0.029), .. history], observed: 0.029 - 0.02);
        var fails = GuardrailAssert.Fails(GuardrailPack.Instance, Errors, [Canary, Telemetry(300, 0.031), .. history]);
        StringAssert.Contains(fails.Reason, "P50 of the last 3 passed decisions");
    }

    [TestMethod]
    public void TooFewCandidateSamples_AreInconclusive_WhateverTheHistory()
    {
        GuardrailAssert.IsInconclusive(GuardrailPack.Instance, P95, [Canary, Telemetry(330, 0.01, requests: 9), Past(1, 300), Past(2, 310), Past(3, 320)]);
    }

    [TestMethod]
    public void ThePackSaysHowFarBackToRead() => Assert.AreEqual(3, GuardrailPack.Instance.HistoryDepth);
}
