using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DuckDB.NET.Data;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;
using PolicyEngine.Rules.Sample;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// <c>gate</c> on 10 million Parquet telemetry rows, split into its phases: aggregation (our loader, with its
/// row checks and file hash) beside the same aggregation as a bare DuckDB query, session evaluation, output,
/// and the whole run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class GateBenchmarks
{
    private static readonly double[] Percentiles = [50, 90, 95, 99];
    private string _path = "";
    private List<object> _facts = [];
    private DecisionRecord _record = null!;

    /// <summary>Telemetry rows.</summary>
    [Params(10_000_000)]
    public long Rows { get; set; }

    /// <summary>Writes the file and prepares the facts and the record the later phases start from.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _path = TelemetryFile.Parquet(Rows);
        var context = new RolloutContext("support-assistant", "2.1.0", Lever.Scale, Stages.Canary, DateTimeOffset.UtcNow);
        _facts = [context, .. TelemetryLoader.Load(_path, Percentiles, "support-assistant").Metrics];
        _record = GateRun.Run(new GateRequest { Pack = GuardrailPack.Instance, TelemetryPath = _path, Rollout = new() { Model = "support-assistant", Version = "2.1.0", Lever = "scale", Stage = "canary" } }, TimeProvider.System).Record;
    }

    /// <summary>The same statistics straight from DuckDB: no row checks, no hash, no facts.</summary>
    [Benchmark(Baseline = true)]
    public int BareDuckDbAggregation() => BareAggregation(_path);

    /// <summary>The statistics the loader computes, as one plain DuckDB query over <paramref name="path"/>; returns the groups.</summary>
    public static int BareAggregation(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT role, slice, count(*), quantile_cont(latency_ms, [0.5, 0.9, 0.95, 0.99]), quantile_cont(ttft_ms, [0.5, 0.9, 0.95, 0.99]),
                   avg(error::DOUBLE), count(correct), avg(correct::DOUBLE), avg(hallucinated::DOUBLE),
                   sum(latency_ms), sum(input_tokens), sum(output_tokens), sum(cost_usd)
            FROM read_parquet('{path}') GROUP BY GROUPING SETS ((role, slice), (role))
            """;
        using var reader = command.ExecuteReader();
        var groups = 0;
        while (reader.Read())
        {
            groups++;
        }

        return groups;
    }

    /// <summary>Our loader: schema, per-row checks, SHA-256 of the file, the aggregation, facts.</summary>
    [Benchmark]
    public int Aggregation() => TelemetryLoader.Load(_path, Percentiles, "support-assistant").Metrics.Count;

    /// <summary>The compiled sample pack over the aggregated facts, folded into a decision.</summary>
    [Benchmark]
    public Verdict SessionEvaluation() => Decision.Fold(CompiledPack.For(GuardrailPack.Instance).Evaluate(_facts), Stages.Canary).Verdict;

    /// <summary>Every output format of one decision.</summary>
    [Benchmark]
    public int Output() =>
        DecisionRecordJson.Write(_record).Length + SarifWriter.Write(_record, GuardrailPack.Instance).Length
        + MarkdownWriter.Write(_record).Length + JUnitWriter.Write(_record).Length;

    /// <summary>The whole gate run, inputs to record.</summary>
    [Benchmark]
    public Verdict WholeGate() =>
        GateRun.Run(new GateRequest { Pack = GuardrailPack.Instance, TelemetryPath = _path, Rollout = new() { Model = "support-assistant", Version = "2.1.0", Lever = "scale", Stage = "canary" } }, TimeProvider.System).Decision.Verdict;
}
