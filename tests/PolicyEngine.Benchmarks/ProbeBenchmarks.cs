using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using PolicyEngine.Probe;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// The probe's timed loop beside a bare ONNX Runtime <c>Run</c> loop, on the real ResNet18 model on the CPU,
/// with the same session (the probe's own session options) and the same inputs: what the probe adds to
/// what it measures.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ProbeBenchmarks
{
    private const int Runs = 5;
    private ProviderSelection _selection = null!;
    private InferenceSession _session = null!;
    private RunOptions _options = null!;
    private string[] _names = [];
    private string[] _outputs = [];
    private OrtValue[] _values = [];

    /// <summary>Images per run.</summary>
    [Params(1, 32)]
    public int Batch { get; set; }

    /// <summary>The ResNet18 model with a symbolic batch, made once from the package's copy.</summary>
    public static string Model()
    {
        var original = Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
        var batched = Path.Combine(Path.GetTempPath(), "policyengine-resnet18-batched.onnx");
        if (!File.Exists(batched))
        {
            var script = Path.Combine(AppContext.BaseDirectory, "make_batched_resnet18.py");
            using var python = Process.Start("/usr/bin/python3", [script, original, batched])
                ?? throw new InvalidOperationException("cannot start /usr/bin/python3 (apt-get install python3-onnx)");
            python.WaitForExit();
            if (python.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} failed ({python.ExitCode}); it needs Debian's python3-onnx (see its output above)");
            }
        }

        return batched;
    }

    /// <summary>Opens the session with the probe's CPU options and builds the probe's generated inputs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _selection = ProviderSelection.For(ProbeProvider.Cpu, 0);
        _session = new InferenceSession(Model(), _selection.Options);
        _options = new RunOptions();
        var inputs = ModelInputs.Generate(_session.InputMetadata, Batch, new Dictionary<string, int>(), seed: 1);
        _names = [.. inputs.Select(i => i.Name)];
        _values = [.. inputs.Select(i => i.ToOrtValue())];
        _outputs = [.. _session.OutputNames];
    }

    /// <summary>Frees the session and inputs.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }

        _options.Dispose();
        _session.Dispose();
        _selection.Dispose();
    }

    /// <summary>A bare <c>Run</c> loop: the floor.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Runs)]
    public void BareRun()
    {
        for (var i = 0; i < Runs; i++)
        {
            using var outputs = _session.Run(_options, _names, _values, _outputs);
        }
    }

    /// <summary>The probe's timed loop (per-run stopwatch, output disposal, cancellation check).</summary>
    [Benchmark(OperationsPerInvoke = Runs)]
    public int ProbeTimedRun() => ModelProbe.TimeRuns(_session, _options, _names, _values, Runs, null, CancellationToken.None).Count;
}
