using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Prometheus;
using PolicyEngine.Gate.Inputs.Telemetry;

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
                .Concat(CanarySeries.Growing("steady", candidateErrors: 0.01, candidatePerMinute: 100, minutes: 40))
                .Concat(Wavering)));

    /// <summary>A healthy canary's counts over a sliding window: about 900 requests whenever asked, a little fewer every other minute.</summary>
    private static IEnumerable<(string Name, string Labels, DateTimeOffset At, double Value)> Wavering =>
        Enumerable.Range(1, 20).SelectMany(minute => CanarySeries.Scenario("wavering", 0.01, minute % 2 == 0 ? 300 : 280, baselineRequests: minute % 2 == 0 ? 3000 : 2800)
            .Select(s => (s.Name, s.Labels, CanarySeries.At.AddMinutes(minute - 1), s.Value)));

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
        // A look inside the band before the five minutes passes, and the series waits for them; none fails.
        Assert.IsTrue(findings.SkipLast(1).All(f => f.Outcome is Outcome.Inconclusive or Outcome.Pass), string.Join("\n", findings.Select(f => f.Reason)));
        Assert.AreEqual(Outcome.Inconclusive, findings[0].Outcome, findings[0].Reason);
        Assert.IsTrue(findings.Zip(findings.Skip(1)).All(p => p.Second.SampleCount > p.First.SampleCount), "each look of the replay sees more traffic");
        Assert.IsTrue(findings.Zip(findings.Skip(1)).All(p => p.Second.Upper - p.Second.Lower < p.First.Upper - p.First.Lower), "and the sequence narrows");
        Assert.AreEqual(CanarySeries.At.AddMinutes(records.Count - 1), records[^1].AsOf, "measurement i is judged as of the rollout's asOf plus i - 1 intervals");
        Assert.IsTrue(records.All(r => r.CanaryStart == CanarySeries.At.AddMinutes(-1)), "every record says when the canary began: one interval before the first measurement");
        using var stored = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sequential.Records[^1]));
        Assert.IsEmpty(Gate.Inputs.SchemaCheck.Check(stored.RootElement, "decision-record"));
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

    [TestMethod]
    public void TheWindowPlaceholder_CountsTheCanarySoFar_InAWatch_AndTheRangeInAGate()
    {
        // Cumulative counts read back as counters: increase over {window} is the canary so far in a watch (seven minutes
        // of 300 candidate requests at its seventh look), the configured range (five minutes) in a single gate run.
        var settings = System.Text.Json.JsonSerializer.Deserialize<PrometheusSettings>(Counters(CanarySeries.Config("steady")), new System.Text.Json.JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        settings.Url = _server!.Url;
        var at = CanarySeries.At.AddMinutes(6);
        var demand = new SampleDemand(SampledMetric.Latency, "all");
        TelemetryFacts Load(TimeSpan? watched) => PrometheusTelemetry.Load(settings, [50], "support-assistant", at, PrometheusHttp.Client(settings), [demand], watched: watched);
        static long Requests(TelemetryFacts facts) => facts.Metrics.Single(m => m.Role == Role.Candidate && m.Slice == "all").Requests;
        static int Samples(TelemetryFacts facts) => facts.Samples.Single(s => s.Role == Role.Candidate).Values.Count;

        var watch = Load(TimeSpan.FromMinutes(7));
        var gate = Load(null);

        Assert.AreEqual(2100, Requests(watch), "increase over 420s: the seven minutes' 2,100 requests");
        Assert.AreEqual(1500, Requests(gate), "increase over the 300s range: five minutes' growth");
        Assert.AreEqual(37, Samples(watch), "the range reaches back to the canary's first sample: six minutes of 10 s steps and the first");
        Assert.AreEqual(31, Samples(gate), "the last 300 s at 10 s steps");
    }

    [TestMethod]
    public void AGateGivenTheCanarysStart_CountsFromIt_AndAStartAfterTheDecision_IsAnError()
    {
        // A pipeline that runs gate again and again: --canary-start makes {window} the canary so far, as a watch does.
        using var cli = new Cli();
        using var second = new Cli();
        using var third = new Cli();
        string Time(int minutes) => CanarySeries.At.AddMinutes(minutes).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Result Gate(Cli c, params string[] extra) =>
            c.Run(["gate", "--policy", Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.History.dll"), "--rollout", SampleFiles.Rollout, "--stage", "canary",
                "--as-of", Time(6), "--prometheus", _server!.Url, "--prometheus-config", c.Write("prometheus.json", Counters(CanarySeries.Config("steady"))), .. extra]);
        static long? Samples(Result r) => r.Record.Findings.Single(f => f.GuardrailId == "sequential-canary/error-rate").SampleCount;

        var started = Gate(cli, "--canary-start", Time(-1));
        var windowed = Gate(second);
        var late = Gate(third, "--canary-start", Time(7));

        Assert.AreEqual(2100L, Samples(started), started.ToString());
        Assert.AreEqual(1500L, Samples(windowed), "without a start, {window} is the 300 s range\n" + windowed);
        Assert.AreEqual(CanarySeries.At.AddMinutes(-1), started.Record.CanaryStart, "the record says what {window} counted from");
        Assert.IsNull(windowed.Record.CanaryStart);
        Assert.AreEqual(4, late.Exit, late.ToString());
        StringAssert.Contains(late.Output + late.Error, "is after the decision time");
    }

    [TestMethod]
    public void AGateCalledAgainOnTheSameCanary_RefusesCountsThatFell_NeverJudgesThem()
    {
        // A pipeline gating every minute keeps no state; the record store does. Counts that waver (900, then 840) fell
        // since the last decision on this canary, so the second call is an error, naming the decision it compared with.
        using var cli = new Cli();
        string Time(int minutes) => CanarySeries.At.AddMinutes(minutes).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Result Gate(int minute, int start) =>
            cli.Run(["gate", "--policy", Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.History.dll"), "--rollout", SampleFiles.Rollout, "--stage", "canary",
                "--as-of", Time(minute), "--canary-start", Time(start), "--prometheus", _server!.Url, "--prometheus-config", cli.Write("prometheus.json", CanarySeries.Config("wavering"))]);
        // The store is shared: each call's record is the newest.
        static Finding Sequence(Result r) => r.Record2().Findings.Single(f => f.GuardrailId == "sequential-canary/error-rate");

        var first = Gate(1, -1);
        var fell = Gate(2, -1);
        var anotherCanary = Gate(2, 0);

        Assert.AreEqual(900L, Sequence(first).SampleCount, first.ToString());
        Assert.AreEqual(Outcome.Error, Sequence(fell).Outcome, fell.ToString());
        StringAssert.Contains(Sequence(fell).Reason, $"840 samples, fewer than the 900 an earlier decision on this canary counted ({first.Record.DecisionId})");
        Assert.AreEqual(4, fell.Exit, fell.ToString());
        Assert.IsTrue(fell.Record2().Inputs.Any(i => i.Kind == "decision-record"), "the record lists the earlier decision it compared with");
        Assert.AreNotEqual(Outcome.Error, Sequence(anotherCanary).Outcome, "a canary that began at another time has its own counts\n" + anotherCanary);
    }

    [TestMethod]
    public async Task ServeGivenTheCanarysStart_CountsFromIt_AsGateDoes()
    {
        var config = Path.Combine(Path.GetTempPath(), $"policyengine-window-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, Counters(CanarySeries.Config("steady")));
        try
        {
            await using var server = await ServeServer.Start(s => s with
            {
                Packs = new Dictionary<string, PolicyPack> { ["sequential-canary"] = PolicyEngine.Rules.History.GuardrailPack.Instance },
                Prometheus = ReleaseOptions.PrometheusSource(config, _server!.Url, new PrometheusSettings()),
            });
            string Time(int minutes) => CanarySeries.At.AddMinutes(minutes).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            async Task<string> Ask(string start)
            {
                using var response = await server.Client.PostAsync("/v1/gate", new StringContent(
                    $$"""{ "rollout": "rollout.json", "stage": "canary", "asOf": "{{Time(6)}}"{{start}} }""", System.Text.Encoding.UTF8, "application/json"));
                return await response.Content.ReadAsStringAsync();
            }

            var started = await Ask($", \"canaryStart\": \"{Time(-1)}\"");
            var late = await Ask($", \"canaryStart\": \"{Time(7)}\"");

            var records = server.RecordFiles().Select(f => Gate.Records.DecisionRecordJson.Read(File.ReadAllText(f))).ToList();
            var counted = records.SelectMany(r => r.Findings).Single(f => f.GuardrailId == "sequential-canary/error-rate");
            Assert.AreEqual(2100L, counted.SampleCount, started);
            Assert.AreEqual(CanarySeries.At.AddMinutes(-1), records.Single(r => r.Findings.Contains(counted)).CanaryStart);
            StringAssert.Contains(late, "is after the decision time");
        }
        finally
        {
            File.Delete(config);
        }
    }

    [TestMethod]
    public async Task ServeAskedAgainOnTheSameCanary_RefusesCountsThatFell_AsGateDoes()
    {
        var config = Path.Combine(Path.GetTempPath(), $"policyengine-wavering-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, CanarySeries.Config("wavering"));
        try
        {
            await using var server = await ServeServer.Start(s => s with
            {
                Packs = new Dictionary<string, PolicyPack> { ["sequential-canary"] = PolicyEngine.Rules.History.GuardrailPack.Instance },
                Prometheus = ReleaseOptions.PrometheusSource(config, _server!.Url, new PrometheusSettings()),
            });
            string Time(int minutes) => CanarySeries.At.AddMinutes(minutes).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            async Task Ask(int minute)
            {
                using var response = await server.Client.PostAsync("/v1/gate", new StringContent(
                    $$"""{ "rollout": "rollout.json", "stage": "canary", "asOf": "{{Time(minute)}}", "canaryStart": "{{Time(-1)}}" }""", System.Text.Encoding.UTF8, "application/json"));
                await response.Content.ReadAsStringAsync();
            }

            await Ask(1);
            await Ask(2);

            var findings = server.RecordFiles().Select(f => Gate.Records.DecisionRecordJson.Read(File.ReadAllText(f))).OrderBy(r => r.AsOf)
                .Select(r => r.Findings.Single(f => f.GuardrailId == "sequential-canary/error-rate")).ToList();
            Assert.HasCount(2, findings);
            Assert.AreEqual(900L, findings[0].SampleCount, findings[0].Reason);
            Assert.AreEqual(Outcome.Error, findings[1].Outcome, findings[1].Reason);
            StringAssert.Contains(findings[1].Reason, "840 samples, fewer than the 900 an earlier decision on this canary counted");
        }
        finally
        {
            File.Delete(config);
        }
    }

    [TestMethod]
    public void CountsThatFall_EndASequentialWatchInError_NeverInAPromotion()
    {
        // Counts over a sliding window (900 requests, then 840, then 900 …) are not the arms' samples since the canary
        // began: a confidence sequence over them would be looked at afresh each time. The first fall breaks the series.
        using var cli = new Cli();

        var result = Sequential(cli, "wavering");

        Assert.AreEqual(4, result.Exit, result.ToString());
        StringAssert.Contains(result.Output, "fewer than the 900 of an earlier measurement");
        StringAssert.Contains(result.Output, "its guarantee does not hold on counts that fall");
        Assert.IsFalse(result.Records.Select(r => Gate.Records.DecisionRecordJson.Read(File.ReadAllText(r))).Any(r => r.Findings.Any(f => f.GuardrailId == "sequential-canary/error-rate" && f.Outcome == Outcome.Pass)), "no look may pass on them");
    }

    [TestMethod]
    public void CountersOverTheTimeWatched_PromoteTheHealthyCanaryEarly_AndOverAFixedWindow_AreRefused()
    {
        using var cli = new Cli();
        using var second = new Cli();

        // The counters start at the first measurement: its increase has one point and nothing to count (inconclusive).
        var watched = Configured(cli, Counters(CanarySeries.Config("steady")), "--inconclusive-limit", "1");
        var fixedWindow = Configured(second, Counters(CanarySeries.Config("steady")).Replace("[{window}]", "[5m]", StringComparison.Ordinal));

        Assert.AreEqual(0, watched.Exit, watched.ToString());
        StringAssert.Contains(watched.Output, "promoted early");
        Assert.AreEqual(4, fixedWindow.Exit, fixedWindow.ToString());
        StringAssert.Contains(fixedWindow.Output + fixedWindow.Error, "queries.requests: reads a fixed window [5m]");
        Assert.IsFalse(fixedWindow.Output.Contains("promoted", StringComparison.Ordinal), "nothing is judged on a fixed window");
    }

    [TestMethod]
    [DataRow("sum(increase(e[{window}]))", null)]
    [DataRow("sum(e)", null)]
    [DataRow("sum(increase(e[5m]))", "[5m]")]
    [DataRow("sum(increase(e[{window}])) - sum(max_over_time(e[1h:1m]))", "[1h:1m]")]
    public void ASequentialRatesCountQuery_TakesNoRangeButTheWindow(string errors, string? refused)
    {
        // The test pack's sequential error rate reads requests and errors; its P95 budget reads neither's range.
        var settings = new PrometheusSettings { Queries = new() { ["requests"] = "sum(increase(r[{window}]))", ["errors"] = errors, ["labeled"] = "sum(increase(l[5m]))" } };

        var found = CanaryWindow.FixedWindow(settings, PolicyEngine.Rules.History.GuardrailPack.Instance);

        Assert.AreEqual(refused, found?.Range);
        Assert.AreEqual(refused is null ? null : "errors", found?.Figure);
    }

    /// <summary>The templates' counts read as counters over the time watched: what a live canary's queries look like.</summary>
    private static string Counters(string config)
    {
        var counters = System.Text.RegularExpressions.Regex.Replace(config, @"""sum\((policyengine_(?:requests|errors|labeled|correct|cost_usd)\{.*?\})\)""", @"""sum(increase($1[{window}]))""");
        return counters.Contains("increase(policyengine_requests", StringComparison.Ordinal) ? counters : throw new InvalidOperationException("no count query was rewritten:\n" + config);
    }

    private static Result Today(Cli cli, string scenario) =>
        cli.Run(["watch", "--sample", "--replay", "--prometheus", _server!.Url, "--prometheus-config", cli.Write("prometheus.json", CanarySeries.Config(scenario)),
            "--count", "10", "--interval", "1m", "--inconclusive-limit", "-1"]);

    private static Result Sequential(Cli cli, string scenario, params string[] extra) => Configured(cli, CanarySeries.Config(scenario), extra);

    private static Result Configured(Cli cli, string config, params string[] extra) =>
        cli.Run(["watch", "--policy", Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.History.dll"), "--rollout", SampleFiles.Rollout, "--replay",
            "--prometheus", _server!.Url, "--prometheus-config", cli.Write("prometheus.json", config), "--count", "10", "--interval", "1m", .. extra]);
}
