using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PolicyEngine.Evaluation;
using PolicyEngine.Specs;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// What one look of a sequential rollback threshold costs — a watch pays it at every measurement: the typical
/// latency (the mean of the logarithms), the P95 (a sort and two order statistics an arm), the mean cost and the error
/// rate (counts: the normal sequence and the exact promotion bound, RateIncrease), at 1k–1M samples a side. Beside <see cref="DistributionBenchmarks"/>, the fixed-horizon judge of the same samples.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SequentialBenchmarks
{
    private static readonly SequentialSpec Sequence = new() { Confidence = 0.95 };

    private FactIndex _facts = FactIndex.Of([]);

    /// <summary>Samples a side.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int Samples { get; set; }

    /// <summary>Seeded latencies and costs, the candidate's 5 % higher; each judge checked to decide as it should.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        double[] Draw(double scale) => [.. Enumerable.Range(0, Samples).Select(_ => scale * (100 + (200 * random.NextDouble())))];
        _facts = FactIndex.Of(
        [
            new MetricSamples(Role.Candidate, "all", SampledMetric.Latency, Draw(1.05)),
            new MetricSamples(Role.Baseline, "all", SampledMetric.Latency, Draw(1)),
            new MetricSamples(Role.Candidate, "all", SampledMetric.Cost, Draw(1.05e-5)),
            new MetricSamples(Role.Baseline, "all", SampledMetric.Cost, Draw(1e-5)),
            new SliceMetrics { Role = Role.Candidate, Slice = "all", Requests = Samples, ErrorRate = 0.0204 },
            new SliceMetrics { Role = Role.Baseline, Slice = "all", Requests = Samples, ErrorRate = 0.02 },
        ]);
        // A 5 % change under a 10 % limit: inside the band once the samples can show it, never beyond it.
        foreach (var (name, outcome) in new[] { ("typical latency", TypicalLatency()), ("P95", P95()), ("cost", Cost()) })
        {
            if (outcome == Outcome.Fail || (Samples >= 100_000 && outcome != Outcome.Pass))
            {
                throw new InvalidOperationException($"{name}: a 5 % change under a 10 % limit came out {outcome}");
            }
        }

        // A rate's exact promotion bound needs about a million requests an arm to fit 2.04 % against 2 % under +10 %.
        if (ErrorRate() is var rate && (rate == Outcome.Fail || (Samples >= 1_000_000 && rate != Outcome.Pass)))
        {
            throw new InvalidOperationException($"error rate: 2.04 % against 2 % under a 10 % limit came out {rate}");
        }
    }

    /// <summary>The typical latency's sequence (the mean of the logarithms), as a rule calls it.</summary>
    [Benchmark(Baseline = true)]
    public Outcome TypicalLatency() => Judge(TelemetryMetric.Latency);

    /// <summary>The P95's sequence: each arm sorted, two order statistics an arm.</summary>
    [Benchmark]
    public Outcome P95() => Judge(TelemetryMetric.LatencyP95);

    /// <summary>The mean cost's sequence.</summary>
    [Benchmark]
    public Outcome Cost() => Judge(TelemetryMetric.UsdPer1kRequests);

    /// <summary>The error rate's bounds: from the counts alone, so its cost grows only slowly with them.</summary>
    [Benchmark]
    public Outcome ErrorRate() => Judge(TelemetryMetric.ErrorRate);

    private Outcome Judge(TelemetryMetric metric)
    {
        var spec = new RollbackThresholdSpec { Metric = metric, Change = ChangeLimit.RelativeIncrease, Limit = 0.10, MinSamples = 100, Sequential = Sequence };
        var guardrail = new Guardrail
        {
            Id = "bench/sequential",
            Policy = "bench",
            Member = "Sequential",
            Kind = GuardrailKind.RollbackThreshold,
            Spec = spec,
            Stages = Stages.Canary,
            Owner = "bench",
            Requirement = "a sequential 10 % limit",
        };
        return SequentialCheck.Evaluate(guardrail, spec, Sequence, _facts).Outcome;
    }
}
