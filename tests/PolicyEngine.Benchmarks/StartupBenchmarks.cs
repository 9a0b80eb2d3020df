using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// Process start to decision: <c>policyengine gate --sample</c> as a new process each time (runtime start-up,
/// JIT, host, DuckDB load, rule compilation, the decision, the record), the way a pipeline step runs it —
/// as built (what <c>dotnet run</c> starts) and as published (ReadyToRun, what a deployment installs).
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 1, iterationCount: 10)]
public class StartupBenchmarks
{
    private readonly string _records = Path.Combine(Path.GetTempPath(), "policyengine-bench-records");
    private string _executable = "";

    /// <summary>Which CLI: the build output, or a ReadyToRun publish of it.</summary>
    [Params("build", "publish")]
    public string Cli { get; set; } = "build";

    /// <summary>Publishes the CLI once for the publish case.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Cli == "build")
        {
            _executable = Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Cli");
            return;
        }

        var output = Path.Combine(Path.GetTempPath(), "policyengine-publish");
        _executable = Path.Combine(output, "PolicyEngine.Cli");
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PolicyEngine.sln")))
        {
            root = root.Parent;
        }

        var project = Path.Combine(root?.FullName ?? throw new InvalidOperationException("PolicyEngine.sln not found"), "src", "PolicyEngine.Cli");
        using var publish = Process.Start("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", output])!;
        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed ({publish.ExitCode})");
        }
    }

    /// <summary>One gate run of the bundled sample in a fresh process; returns its exit code (0: the sample warns).</summary>
    [Benchmark]
    public int GateSample()
    {
        var start = new ProcessStartInfo(_executable, ["gate", "--sample", "--record-dir", _records])
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
