using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PolicyEngine.Gate.Inputs.Telemetry;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// Telemetry aggregation at 1M, 10M and 50M Parquet rows: our loader beside the bare DuckDB query, with the
/// process's peak resident memory (DuckDB's native memory included) printed at the end of each case.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class AggregationBenchmarks
{
    private static readonly double[] Percentiles = [50, 90, 95, 99];
    private string _path = "";

    /// <summary>Telemetry rows.</summary>
    [Params(1_000_000, 10_000_000, 50_000_000)]
    public long Rows { get; set; }

    /// <summary>Writes the file once (reused across runs).</summary>
    [GlobalSetup]
    public void Setup() => _path = TelemetryFile.Parquet(Rows);

    /// <summary>Reports the peak resident memory of this case's process.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// PeakWorkingSet Rows={Rows}: {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
    }

    /// <summary>The same statistics straight from DuckDB.</summary>
    [Benchmark(Baseline = true)]
    public int BareDuckDb() => GateBenchmarks.BareAggregation(_path);

    /// <summary>Our loader.</summary>
    [Benchmark]
    public int Loader() => TelemetryLoader.Load(_path, Percentiles, "support-assistant").Metrics.Count;
}
