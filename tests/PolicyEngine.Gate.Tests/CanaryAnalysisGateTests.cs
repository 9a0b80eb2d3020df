using System.Globalization;
using System.Text;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Tests;

/// <summary>
/// Distribution and history thresholds through the gate: raw samples from DuckDB, decision records that keep the
/// judged telemetry, and later gates that read them back.
/// </summary>
[TestClass]
public sealed class CanaryAnalysisGateTests
{
    private static readonly double[] Percentiles = [50, 95];

    [TestMethod]
    [DataRow("csv")]
    [DataRow("parquet")]
    public void Samples_AreTheRowsValues_PerRoleAndSlice_WithoutEmptyCells(string format)
    {
        using var files = new TempFiles();
        var csv = files.Write("t.csv", "role,slice,latency_ms,ttft_ms\ncandidate,chat,10,1\nbaseline,chat,20,\ncandidate,search,30,3\n,chat,40,4\nbaseline,search,50,5\n");
        var path = format == "csv" ? csv : files.Parquet("t.parquet", $"SELECT * FROM read_csv('{csv}')");
        SampleDemand[] demands = [new(SampledMetric.Latency, "all"), new(SampledMetric.Ttft, "chat")];

        var samples = TelemetryLoader.Load(path, Percentiles, samples: demands).Samples;

        double[] Of(Role role, SampledMetric metric, string slice) =>
            samples.Single(s => s.Role == role && s.Metric == metric && s.Slice == slice).Values.Order().ToArray();
        CollectionAssert.AreEqual(new double[] { 10, 30, 40 }, Of(Role.Candidate, SampledMetric.Latency, "all"), "an empty role is the candidate");
        CollectionAssert.AreEqual(new double[] { 20, 50 }, Of(Role.Baseline, SampledMetric.Latency, "all"));
        CollectionAssert.AreEqual(new double[] { 1, 4 }, Of(Role.Candidate, SampledMetric.Ttft, "chat"));
        Assert.IsFalse(samples.Any(s => s.Role == Role.Baseline && s.Metric == SampledMetric.Ttft), "the baseline's one chat row has no TTFT: no samples, not a zero");
        Assert.HasCount(3, samples);
    }

    [TestMethod]
    [DataRow("csv")]
    [DataRow("parquet")]
    public void CostSamples_AreEveryRequestsCost_AndNoneForARoleWithAnyRequestWithoutOne(string format)
    {
        using var files = new TempFiles();
        var csv = files.Write("t.csv", "role,slice,latency_ms,cost_usd\ncandidate,chat,10,0.002\ncandidate,search,30,0.004\nbaseline,chat,20,0.001\nbaseline,search,50,\n");
        var path = format == "csv" ? csv : files.Parquet("t.parquet", $"SELECT * FROM read_csv('{csv}')");
        SampleDemand[] demands = [new(SampledMetric.Cost, "all"), new(SampledMetric.Cost, "chat")];

        var samples = TelemetryLoader.Load(path, Percentiles, samples: demands).Samples;

        double[] Of(Role role, string slice) => samples.Single(s => s.Role == role && s.Slice == slice).Values.Order().ToArray();
        CollectionAssert.AreEqual(new[] { 0.002, 0.004 }, Of(Role.Candidate, "all"));
        CollectionAssert.AreEqual(new[] { 0.002 }, Of(Role.Candidate, "chat"));
        CollectionAssert.AreEqual(new[] { 0.001 }, Of(Role.Baseline, "chat"));
        Assert.IsFalse(samples.Any(s => s.Role == Role.Baseline && s.Slice == "all"), "a baseline request without a cost leaves the baseline without a cost mean, not one of the known costs");
        Assert.HasCount(3, samples);
    }

    [TestMethod]
    public void Samples_AreReadOnlyWhenAskedFor_AndNotForAMissingColumn()
    {
        using var files = new TempFiles();
        var path = files.Write("t.csv", "role,latency_ms\ncandidate,10\nbaseline,20\n");

        Assert.IsEmpty(TelemetryLoader.Load(path, Percentiles).Samples);
        Assert.IsEmpty(TelemetryLoader.Load(path, Percentiles, samples: [new(SampledMetric.Ttft, "all")]).Samples);
    }

    [TestMethod]
    public void LatencyShiftedUp_BlocksAFullRollout_OnTheRankedSamples()
    {
        using var files = new TempFiles();

        var result = Gate(files, "1.0.0", Telemetry(candidateScale: 1.3, baselineScale: 1.0));

        var finding = result.Decision.Findings.Single(f => f.GuardrailId == "release/latency-shift");
        Assert.AreEqual(Outcome.Fail, finding.Outcome);
        Assert.AreEqual(0.3, finding.Observed!.Value, 0.05);
        Assert.AreEqual(Verdict.Block, result.Decision.Verdict);
    }

    [TestMethod]
    public void RecordsKeepTheJudgedTelemetry_AndLaterGatesCompareWithTheLastPassedReleases()
    {
        using var files = new TempFiles();
        var records = files.PathOf("records");

        // v1 and v2: no history yet, so the warning guardrail is inconclusive and the gate warns — a pass for history.
        var first = Gate(files, "1.0.0", Telemetry(1.0, 1.0), records, At(1));
        Assert.AreEqual(Verdict.Warn, first.Decision.Verdict);
        StringAssert.Contains(Find(first, "release/p95-against-history").Reason, "0 passed decisions on earlier versions measured it on slice 'all', 2 needed");
        var p95 = first.Record.Telemetry.Single(t => t.Role == Role.Candidate && t.Slice == "all").Latency.At(95)!.Value;
        Gate(files, "1.1.0", Telemetry(1.1, 1.1), records, At(2));

        // A blocked release and another model's release are no history.
        Gate(files, "1.2.0", Telemetry(2.0, 1.0), records, At(3));
        Gate(files, "9.0.0", Telemetry(0.5, 0.5), records, At(4), model: "other-model");

        var slower = Gate(files, "2.0.0", Telemetry(1.5, 1.5), records, At(5));
        var finding = Find(slower, "release/p95-against-history");
        Assert.AreEqual(Outcome.Fail, finding.Outcome);
        StringAssert.Contains(finding.Reason, "mean of the last 2 passed decisions (1.1.0, 1.0.0)");
        Assert.AreEqual((1.5 * p95 / (1.05 * p95)) - 1, finding.Observed!.Value, 1e-9, "p95 scales with the telemetry: 1.5 over the mean of 1.0 and 1.1");
        Assert.AreEqual(Verdict.Warn, slower.Decision.Verdict);
        var history = slower.Record.Inputs.Where(i => i.Kind == "decision-record").ToList();
        Assert.HasCount(2, history);
        Assert.IsTrue(history.All(i => File.Exists(i.Path) && i.Sha256 == InputFile.Hash(i.Path)), "each record used, by the SHA-256 of its bytes");

        var steady = Gate(files, "2.0.1", Telemetry(1.05, 1.05), records, At(6));
        Assert.AreEqual(Outcome.Pass, Find(steady, "release/p95-against-history").Outcome);
        Assert.AreEqual(Verdict.Pass, steady.Decision.Verdict);
    }

    [TestMethod]
    public void ARecordThatCannotBeRead_StopsTheGate_RatherThanChangeTheHistory()
    {
        using var files = new TempFiles();
        var records = files.PathOf("records");
        Directory.CreateDirectory(records);
        var broken = Path.Combine(records, "20260101T000000Z-support-assistant-broken.json");
        File.WriteAllText(broken, "{\"verdict\": \"pass\", \"decidedAt\": 7}");

        var result = Gate(files, "1.0.0", Telemetry(1.0, 1.0), records, At(1));

        Assert.AreEqual(Verdict.Error, result.Decision.Verdict);
        StringAssert.Contains(result.Decision.Reason, broken);
        StringAssert.Contains(result.Decision.Reason, "is not a decision record");
    }

    [TestMethod]
    public void TheRecord_RoundTripsItsTelemetry()
    {
        using var files = new TempFiles();
        var result = Gate(files, "1.0.0", Telemetry(1.0, 1.0));

        var read = DecisionRecordJson.Read(DecisionRecordJson.Write(result.Record));

        Assert.HasCount(2, read.Telemetry);
        foreach (var (written, back) in result.Record.Telemetry.Zip(read.Telemetry))
        {
            Assert.AreEqual(written.Latency.At(95), back.Latency.At(95));
            CollectionAssert.AreEqual(written.Latency.Keys.ToArray(), back.Latency.Keys.ToArray());
            Assert.AreEqual(written.Requests, back.Requests);
            Assert.AreEqual(written.Role, back.Role);
        }
    }

    private static Finding Find(GateResult result, string id) => result.Decision.Findings.Single(f => f.GuardrailId == id);

    private static DateTimeOffset At(int day) => new(2026, 11, day, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A full-rollout gate; with <paramref name="records"/>, reads history there and stores its record there.</summary>
    private static GateResult Gate(TempFiles files, string version, string telemetry, string? records = null, DateTimeOffset? at = null, string model = "support-assistant")
    {
        var request = new GateRequest
        {
            Pack = GuardrailPack.Instance,
            TelemetryPath = files.Write($"t-{Guid.NewGuid():N}.csv", telemetry),
            Rollout = new() { Model = model, Version = version, Lever = "scale", Stage = "full" },
            History = records is null ? null : new DirectoryStore(records),
        };
        var result = GateRun.Run(request, new FixedClock(at ?? At(1)));
        if (records is not null)
        {
            DecisionRecordJson.Store(result.Record, records);
        }

        return result;
    }

    /// <summary>200 requests a side, latencies 100–300 ms spread evenly, each side scaled.</summary>
    private static string Telemetry(double candidateScale, double baselineScale)
    {
        var csv = new StringBuilder("role,latency_ms\n");
        for (var i = 0; i < 200; i++)
        {
            var latency = 100 + i;
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"candidate,{latency * candidateScale}"));
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"baseline,{latency * baselineScale}"));
        }

        return csv.ToString();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
