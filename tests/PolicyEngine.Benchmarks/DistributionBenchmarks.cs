using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Specs;
using PolicyEngine.Statistics;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// What a distribution rollback threshold costs: the whole judge (NaN screening, Mann–Whitney over every
/// sample, Hodges–Lehmann over at most 2,000 order statistics a side) and the test alone, at 1k–1M samples a
/// side; and reading the raw latencies from a million-row Parquet file beside the aggregates alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DistributionBenchmarks
{
    private static readonly DistributionSpec Shift = new() { Increase = new ShiftLimit(ChangeLimit.RelativeIncrease, 0.10), Confidence = 0.95 };

    private static readonly Guardrail Guardrail = new()
    {
        Id = "bench/latency-shift",
        Policy = "bench",
        Member = "LatencyShift",
        Kind = GuardrailKind.RollbackThreshold,
        Spec = new RollbackThresholdSpec { Metric = TelemetryMetric.Latency, Change = ChangeLimit.RelativeIncrease, Limit = 0.10, MinSamples = 100, Distribution = Shift },
        Stages = Stages.Canary,
        Owner = "bench",
        Requirement = "latency shift ≤ 10 %",
    };

    private MetricSamples[] _candidate = [];
    private MetricSamples[] _baseline = [];
    private string _parquet = "";

    /// <summary>Samples a side.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int Samples { get; set; }

    /// <summary>Two seeded latency spreads, the candidate 5 % slower; and the million-row file.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        double Next() => 100 + (200 * random.NextDouble());
        _baseline = [new MetricSamples(Role.Baseline, "all", SampledMetric.Latency, Enumerable.Range(0, Samples).Select(_ => Next()).ToArray())];
        _candidate = [new MetricSamples(Role.Candidate, "all", SampledMetric.Latency, Enumerable.Range(0, Samples).Select(_ => Next() * 1.05).ToArray())];
        _parquet = TelemetryFile.Parquet(1_000_000);
        if (Judge() != Outcome.Pass)
        {
            throw new InvalidOperationException("a 5 % shift under a 10 % allowance should pass");
        }
    }

    /// <summary>The whole judge, as a rule calls it.</summary>
    [Benchmark(Baseline = true)]
    public Outcome Judge() => DistributionCheck.Evaluate(Guardrail, _candidate, _baseline, "latency", Shift, 100).Outcome;

    /// <summary>The Mann–Whitney test alone, over every sample.</summary>
    [Benchmark]
    public double MannWhitneyOnly() => MannWhitney.Test(_candidate[0].Values, _baseline[0].Values).PValue;

    /// <summary>Aggregating a million-row file, plus its raw latencies when a pack asks (the same in every Samples case).</summary>
    [Benchmark]
    public int LoadWithSamples() => TelemetryLoader.Load(_parquet, [50, 90, 95, 99], "support-assistant", [new SampleDemand(SampledMetric.Latency, "all")]).Samples.Count;

    /// <summary>The same file's aggregates alone.</summary>
    [Benchmark]
    public int LoadWithoutSamples() => TelemetryLoader.Load(_parquet, [50, 90, 95, 99], "support-assistant").Metrics.Count;
}
