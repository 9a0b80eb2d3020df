using PolicyEngine.Evaluation;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// <c>watch</c> against a real Prometheus server on loopback, backfilled with baseline and canary series by
/// promtool: rollback for a degraded canary, pass for a healthy one, hold when the canary has too few
/// requests, error when the server goes away mid-run.
/// </summary>
[TestClass]
public sealed class PrometheusWatchTests
{
    private static readonly DateTimeOffset At = CanarySeries.At;

    private static PrometheusServer? _server;

    [ClassInitialize]
    public static void StartServer(TestContext context) =>
        _server = PrometheusServer.Start(PrometheusServer.Gauges(At, Series("healthy", candidateErrors: 0.01, candidateRequests: 1000)
            .Concat(Series("degraded", candidateErrors: 0.06, candidateRequests: 1000))
            .Concat(Series("few", candidateErrors: 0.01, candidateRequests: 100))
            .Concat(Series("negative", candidateErrors: -0.01, candidateRequests: 1000))
            .Concat(Series("overflowing", candidateErrors: 1.5, candidateRequests: 1000))
            .Concat(Series("slow", candidateErrors: 0.01, candidateRequests: 1000, candidateLatencyScale: 1.5))
            .Concat(Series("tail", candidateErrors: 0.01, candidateRequests: 1000, candidateTailScale: 1.5))));

    [ClassCleanup]
    public static void StopServer() => _server?.Dispose();

    [TestMethod]
    public void HealthyCanary_Passes()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "healthy", "--count", "2", "--interval", "0s");

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.HasCount(2, result.Records);
        var record = result.Record2();
        Assert.AreEqual(Verdict.Pass, record.Verdict, result.ToString());
        Assert.AreEqual("prometheus", record.Inputs.Single(i => i.Kind == "prometheus").Kind);
        Assert.AreEqual(6000, record.Inputs.Single(i => i.Kind == "prometheus").Rows, "candidate and baseline requests, as a file's rows would count them");
        StringAssert.Contains(result.Output, "note: the rollout's asOf fixes every measurement at 2026-11-25T12:00:00.0000000+00:00", "a live source asked the same instant at every look is pointed out");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(result.Records[^1]));
        Assert.IsEmpty(PolicyEngine.Gate.Inputs.SchemaCheck.Check(document.RootElement, "decision-record"));
    }

    [TestMethod]
    public void DegradedCanary_RollsBack()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "degraded", "--count", "3", "--interval", "0s");

        Assert.AreEqual(2, result.Exit, result.ToString());
        Assert.Contains("ROLLBACK", result.Output);
        Assert.Contains("support-assistant/error-rate-regression", result.Output);
    }

    [TestMethod]
    public void SlowCanary_RollsBack_OnTheLatencyDistributionFromARangeQuery()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "slow", "--count", "3", "--interval", "0s");

        Assert.AreEqual(2, result.Exit, result.ToString());
        var finding = result.Record2().Findings.Single(f => f.GuardrailId == "support-assistant/latency-shift");
        Assert.AreEqual(Outcome.Fail, finding.Outcome);
        Assert.AreEqual(0.5, finding.Observed!.Value, 1e-9, "the median gauge is 225 ms against 150 ms at every step");
        // 300 s back at a 10 s step: 31 steps, each one sample.
        Assert.Contains("n = 31/31", finding.Reason);
        Assert.AreEqual(Outcome.Pass, result.Record2().Findings.Single(f => f.GuardrailId == "support-assistant/error-rate-regression").Outcome);
        Assert.AreEqual(33.33, result.Record2().Scores.Single().Value, "the latency group fails whole: (2 × 0 + 1 × 100) ÷ 3");
        Assert.AreEqual(ScoreBand.Fail, result.Record2().Scores.Single().Band);
    }

    [TestMethod]
    public void SlowTailOnly_HalvesTheLatencyGroup_AndTheMarginalScoreHolds()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "tail", "--count", "2", "--interval", "0s");

        // P95 +50 % fails, the median's distribution does not shift: latency 50, errors 100, (2 × 50 + 100) ÷ 3.
        Assert.AreEqual(3, result.Exit, result.ToString());
        var score = result.Record2().Scores.Single();
        Assert.AreEqual(66.67, score.Value);
        Assert.AreEqual(ScoreBand.Marginal, score.Band);
        Assert.AreEqual(Outcome.Fail, result.Record2().Findings.Single(f => f.GuardrailId == "support-assistant/p95-regression").Outcome);
        Assert.Contains("support-assistant scored 66.67 of 100 (marginal", result.Output);
    }

    [TestMethod]
    public void HealthyCanary_RanksEqualLatencyDistributions_AsNoShift()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "healthy", "--count", "1", "--interval", "0s");

        var finding = result.Record2().Findings.Single(f => f.GuardrailId == "support-assistant/latency-shift");
        Assert.AreEqual(Outcome.Pass, finding.Outcome, finding.Reason);
        Assert.Contains("no significant shift", finding.Reason);
    }

    [TestMethod]
    public void TooFewCanaryRequests_Hold()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "few", "--count", "3", "--interval", "0s");

        Assert.AreEqual(3, result.Exit, result.ToString());
        Assert.Contains("HOLD", result.Output);
    }

    [TestMethod]
    public void NegativeFigure_IsAnError_NeverAGoodValue()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "negative", "--count", "3", "--interval", "0s", "--consecutive-error-limit", "0");

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("query 'errors': returned -30; expected zero or more", result.Error);
    }

    [TestMethod]
    public void MoreErrorsThanRequests_IsAnError_NeverARate()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "overflowing", "--count", "3", "--interval", "0s", "--consecutive-error-limit", "0");

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("query 'errors' (candidate, slice all): returned 4500, more than the 3000 of query 'requests'; a rate above 1 is a broken query", result.Error);
    }

    [TestMethod]
    public void UnknownSeries_IsInconclusive_NeverAPass()
    {
        using var cli = new Cli();

        var result = Watch(cli, _server!, "nonexistent", "--count", "3", "--interval", "0s");

        Assert.AreEqual(3, result.Exit, result.ToString());
        Assert.Contains("no candidate telemetry for slice 'all'", result.Record2().Reason);
    }

    [TestMethod]
    public void ServerGoneMidRun_Errors()
    {
        using var server = PrometheusServer.Start(PrometheusServer.Gauges(At, Series("healthy", candidateErrors: 0.01, candidateRequests: 1000)));
        using var cli = new Cli();
        cli.AfterFirstRecord(server.Kill);

        var result = Watch(cli, server, "healthy", "--count", "5", "--interval", "1s", "--consecutive-error-limit", "1");

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.HasCount(3, result.Records, "one pass, then two failed queries in a row exceed the limit of 1\n" + result);
        Assert.Contains("cannot be reached", result.Error);
    }

    private static Result Watch(Cli cli, PrometheusServer server, string scenario, params string[] args) =>
        cli.Run(["watch", "--sample", "--prometheus", server.Url, "--prometheus-config", cli.Write("prometheus.json", CanarySeries.Config(scenario)), .. args]);

    private static IEnumerable<(string, string, double)> Series(string scenario, double candidateErrors, double candidateRequests, double candidateLatencyScale = 1, double candidateTailScale = 1) =>
        CanarySeries.Scenario(scenario, candidateErrors, candidateRequests, candidateLatencyScale, candidateTailScale).Select(s => (s.Name, s.Labels, s.Value));
}
