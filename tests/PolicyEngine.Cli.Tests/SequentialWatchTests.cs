using PolicyEngine.Evaluation;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The sample's canary replayed from a real Prometheus whose counts grow minute by minute, watched by today's
/// judge (the sample pack) and by a confidence sequence on the same error-rate limit (the test pack's
/// <c>sequential-canary</c>): the sequence rolls the degraded canary back at an earlier measurement and promotes
/// the healthy one before its count, where today's judge waits out the minimum sample and the count.
/// </summary>
[TestClass]
public sealed class SequentialWatchTests
{
    private static PrometheusServer? _server;

    [ClassInitialize]
    public static void StartServer(TestContext context) =>
        _server = PrometheusServer.Start(PrometheusServer.Gauges(
            CanarySeries.Growing("climbing", candidateErrors: 0.10, candidatePerMinute: 100, minutes: 40)
                .Concat(CanarySeries.Growing("steady", candidateErrors: 0.01, candidatePerMinute: 100, minutes: 40))));

    [ClassCleanup]
    public static void StopServer() => _server?.Dispose();

    [TestMethod]
    public void ADegradedCanary_IsRolledBack_AtAnEarlierMeasurement_ThanTodaysJudge()
    {
        using var cli = new Cli();
        using var second = new Cli();

        var today = Today(cli, "climbing");
        var sequential = Sequential(second, "climbing");

        Assert.AreEqual(2, today.Exit, today.ToString());
        Assert.AreEqual(2, sequential.Exit, sequential.ToString());
        Assert.HasCount(2, today.Records, "today's judge waits for its 500 requests: 300 at the first look, 600 at the second\n" + today);
        Assert.HasCount(1, sequential.Records, "the sequence shows the regression on the first look's 300 requests\n" + sequential);
        var failed = sequential.Record.Findings.Single(f => f.GuardrailId == "sequential-canary/error-rate");
        Assert.AreEqual(Outcome.Fail, failed.Outcome, failed.Reason);
        Assert.IsGreaterThan(0.10, failed.Lower!.Value, "the whole sequence lies beyond the limit");
        Assert.AreEqual(300L, failed.SampleCount);
        StringAssert.Contains(sequential.Output, "replaying the canary");
        Assert.DoesNotContain("fixes every measurement", sequential.Output, "a replay steps through the canary from its asOf");
    }

    [TestMethod]
    public void AHealthyCanary_IsPromotedEarly_WhereTodaysJudgeWaitsOutItsCount()
    {
        using var cli = new Cli();
        using var second = new Cli();

        var today = Today(cli, "steady");
        var sequential = Sequential(second, "steady");

        Assert.AreEqual(0, today.Exit, today.ToString());
        Assert.AreEqual(0, sequential.Exit, sequential.ToString());
        Assert.HasCount(10, today.Records, "today's judge passes at its count\n" + today);
        Assert.IsLessThan(10, sequential.Records.Count, sequential.ToString());
        Assert.IsGreaterThanOrEqualTo(5, sequential.Records.Count, "not before the five minutes the threshold declares");
        StringAssert.Contains(sequential.Output, "promoted early");
        StringAssert.Contains(sequential.Output, "ended with the sequential thresholds' early promotion", "the budget checked at every look ends with the sequence");

        var records = sequential.Records.Select(p => Gate.Records.DecisionRecordJson.Read(File.ReadAllText(p))).ToList();
        var findings = records.Select(r => r.Findings.Single(f => f.GuardrailId == "sequential-canary/error-rate")).ToList();
        Assert.AreEqual(Outcome.Pass, findings[^1].Outcome, findings[^1].Reason);
        Assert.IsLessThanOrEqualTo(0.10, findings[^1].Upper!.Value);
        Assert.IsTrue(findings.SkipLast(1).All(f => f.Outcome == Outcome.Inconclusive), string.Join("\n", findings.Select(f => f.Reason)));
        Assert.IsTrue(findings.Zip(findings.Skip(1)).All(p => p.Second.SampleCount > p.First.SampleCount), "each look of the replay sees more traffic");
        Assert.IsTrue(findings.Zip(findings.Skip(1)).All(p => p.Second.Upper - p.Second.Lower < p.First.Upper - p.First.Lower), "and the sequence narrows");
        Assert.AreEqual(CanarySeries.At.AddMinutes(records.Count - 1), records[^1].AsOf, "measurement i is judged as of the rollout's asOf plus i - 1 intervals");
    }

    [TestMethod]
    public async Task TheWatchReport_ChartsTheSequenceNarrowingUnderItsLimit()
    {
        using var cli = new Cli();
        var report = cli.PathOf("watch.html");

        var watched = Sequential(cli, "steady", "--format", "html", "--output", report);

        Assert.AreEqual(0, watched.Exit, watched.ToString());
        var seen = await HtmlReportTests.Open(report, "watch-sequence-report.png");
        CollectionAssert.AreEqual(new[] { "score", "sequence-1" }, seen.Charts.Select(c => c.Id).ToArray());
        var html = File.ReadAllText(report);
        StringAssert.Contains(html, "sequential-canary/error-rate · all: the change, bounded at every look");
        StringAssert.Contains(html, "limit 10 %", "a relative limit is charted in %");
    }

    [TestMethod]
    public void AReplay_WithoutAnAsOfTime_IsAnError_NeverAWatchOfNow()
    {
        using var cli = new Cli();
        var rollout = cli.Write("rollout.json", """{ "model": "support-assistant", "version": "2.1.0", "lever": "scale", "stage": "canary" }""");

        var result = cli.Run(["watch", "--sample", "--rollout", rollout, "--replay", "--prometheus", _server!.Url, "--prometheus-config", cli.Write("p.json", CanarySeries.Config("steady")), "--count", "3", "--interval", "1m"]);

        Assert.AreEqual(4, result.Exit, result.ToString());
        StringAssert.Contains(result.Output + result.Error, "a replay starts at the rollout's asOf");
        Assert.IsEmpty(result.Records, "nothing was measured");
    }

    [TestMethod]
    public void AReplay_OfACanaryStillToCome_IsAnError_NeverAWait()
    {
        using var cli = new Cli();

        var result = cli.Run(["watch", "--sample", "--as-of", "2999-01-01T00:00:00Z", "--replay", "--prometheus", _server!.Url, "--prometheus-config", cli.Write("p.json", CanarySeries.Config("steady")), "--count", "3", "--interval", "1m"]);

        Assert.AreEqual(4, result.Exit, result.ToString());
        StringAssert.Contains(result.Output + result.Error, "is still to come");
        Assert.IsEmpty(result.Records);
    }

    private static Result Today(Cli cli, string scenario) =>
        cli.Run(["watch", "--sample", "--replay", "--prometheus", _server!.Url, "--prometheus-config", cli.Write("prometheus.json", CanarySeries.Config(scenario)),
            "--count", "10", "--interval", "1m", "--inconclusive-limit", "-1"]);

    private static Result Sequential(Cli cli, string scenario, params string[] extra) =>
        cli.Run(["watch", "--policy", Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.History.dll"), "--rollout", SampleFiles.Rollout, "--replay",
            "--prometheus", _server!.Url, "--prometheus-config", cli.Write("prometheus.json", CanarySeries.Config(scenario)), "--count", "10", "--interval", "1m", .. extra]);
}
