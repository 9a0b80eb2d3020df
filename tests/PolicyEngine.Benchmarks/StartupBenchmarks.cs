using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// Process start to decision: <c>policyengine gate --sample</c> as a new process each time (runtime start-up,
/// JIT, host, DuckDB load, rule compilation, the decision, the record), the way a pipeline step runs it.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 1, iterationCount: 10)]
public class StartupBenchmarks
{
    private readonly string _records = Path.Combine(Path.GetTempPath(), "policyengine-bench-records");

    /// <summary>One gate run of the bundled sample in a fresh process; returns its exit code (0: the sample warns).</summary>
    [Benchmark]
    public int GateSample()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Cli"), ["gate", "--sample", "--record-dir", _records])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the CLI did not start");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"gate --sample exited {process.ExitCode}: {process.StandardError.ReadToEnd()}");
    }
}
