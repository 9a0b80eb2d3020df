using System.Text.Json;
using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Inputs.ProbeResults;

namespace PolicyEngine.Probe.Tests;

/// <summary>The probe on real ONNX Runtime sessions over tiny committed models.</summary>
[TestClass]
public sealed class ModelProbeTests
{
    [TestMethod]
    public void Latencies_ArePresentOrderedAndPositive_PerBatchSize()
    {
        var result = ModelProbe.Run(Fixture.Settings());

        Assert.IsTrue(result.Complete);
        Assert.AreEqual("cpu", result.ProviderUsed);
        CollectionAssert.AreEqual(new int?[] { 1, 8 }, result.Measurements!.Select(m => m.BatchSize).ToList());
        foreach (var m in result.Measurements!)
        {
            Assert.AreEqual(40, m.Iterations);
            Assert.IsTrue(m.P50Ms > 0 && m.P50Ms <= m.P95Ms && m.P95Ms <= m.P99Ms, $"batch {m.BatchSize}: {m.P50Ms} ≤ {m.P95Ms} ≤ {m.P99Ms}");
            Assert.AreEqual(m.BatchSize!.Value * 1000 / m.MeanMs!.Value, m.Throughput!.Value, 1e-9);
            Assert.IsNull(m.Agreement, "no baseline, no agreement");
            Assert.IsTrue(m.Complete);
        }

        Assert.AreEqual(new FileInfo(Fixture.Classifier).Length, result.Model!.SizeBytes);
        Assert.AreEqual("x: Float[batch,16]", result.Model.Inputs!.Single());
        Assert.AreEqual("1.31.0", result.OnnxRuntimeVersion);
        Assert.IsTrue(result.PeakProcessMemoryBytes > 0);
        Assert.IsNull(result.Device, "the CPU has no NVML device");
    }

    [TestMethod]
    public void IdenticalBaseline_AgreesCompletely()
    {
        var result = ModelProbe.Run(Fixture.Settings() with { BaselinePath = Fixture.Classifier });

        foreach (var m in result.Measurements!)
        {
            Assert.AreEqual(1.0, m.Agreement);
            Assert.AreEqual(0.0, m.MaxAbsDiff);
            Assert.AreEqual(0.0, m.MeanAbsDiff);
            Assert.IsGreaterThanOrEqualTo(ModelProbe.AgreementItems, m.AgreementSamples!.Value);
        }
    }

    [TestMethod]
    public void PerturbedBaseline_AgreesMeasurablyLess()
    {
        var result = ModelProbe.Run(Fixture.Settings() with { BaselinePath = Fixture.Perturbed });

        foreach (var m in result.Measurements!)
        {
            Assert.IsTrue(m.Agreement is > 0.3 and < 0.99, $"batch {m.BatchSize}: agreement {m.Agreement}");
            Assert.IsTrue(m.MaxAbsDiff > 0.1 && m.MeanAbsDiff > 0 && m.MeanAbsDiff < m.MaxAbsDiff);
        }
    }

    [TestMethod]
    public void GpuPrice_TurnsThroughputIntoCost()
    {
        var result = ModelProbe.Run(Fixture.Settings() with { GpuUsdPerHour = 3.6 });

        foreach (var m in result.Measurements!)
        {
            // 3.6 USD/h = 0.001 USD/s; 1k inferences take 1000 / throughput seconds.
            Assert.AreEqual(0.001 * 1000 / m.Throughput!.Value, m.UsdPer1kInferences!.Value, 1e-12);
        }
    }

    [TestMethod]
    public void Auto_WithoutCuda_FallsBackToCpu_AndSaysWhy()
    {
        var result = ModelProbe.Run(Fixture.Settings() with { Provider = ProbeProvider.Auto });

        Assert.AreEqual("auto", result.ProviderRequested);
        Assert.AreEqual("cpu", result.ProviderUsed);
        Assert.Contains("CUDA is not available", result.FallbackReason!);
        Assert.Contains("is the CPU build", result.FallbackReason!, "the shipped build has no GPU providers, and the reason says so");
        Assert.Contains("docs/probe.md", result.FallbackReason!, "the reason says where the one-time GPU step is");
    }

    [TestMethod]
    public void AnOnnxRuntimeDirectoryWithoutTheLibrary_IsAnError_NamingIt()
    {
        var empty = Directory.CreateTempSubdirectory("policyengine-no-ort-").FullName;
        try
        {
            var error = Assert.ThrowsExactly<ProbeException>(() => ModelProbe.Run(Fixture.Settings() with { OnnxRuntimeDirectory = empty }));

            Assert.Contains(empty, error.Message);
            Assert.Contains(OnnxRuntimeNatives.LibraryFile, error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [TestMethod]
    [DataRow(ProbeProvider.Cuda, "the Cuda provider cannot be used")]
    [DataRow(ProbeProvider.TensorRT, "the TensorRT provider cannot be used")]
    public void ExplicitGpuProvider_WithoutCuda_IsAnError_NeverACpuRun(ProbeProvider provider, string message)
    {
        var error = Assert.ThrowsExactly<ProbeException>(() => ModelProbe.Run(Fixture.Settings() with { Provider = provider }));

        Assert.Contains(message, error.Message);
        Assert.Contains("is the CPU build", error.Message, "the reason says why the provider cannot load");
    }

    [TestMethod]
    [DataRow("corrupt", "this is not a protobuf", "is not an ONNX model ONNX Runtime can load")]
    [DataRow("empty", "", "file is empty")]
    [DataRow("text", "{ \"model\": \"resnet\" }", "is not an ONNX model ONNX Runtime can load")]
    public void BadModelFile_IsAClearError(string scenario, string content, string message)
    {
        var path = Fixture.Scratch("model.onnx", content);

        var error = Assert.ThrowsExactly<ProbeException>(() => ModelProbe.Run(Fixture.Settings(path)), scenario);

        Assert.StartsWith(path, error.Message, scenario);
        Assert.Contains(message, error.Message, scenario);
    }

    [TestMethod]
    public void MissingModelFile_IsAClearError()
    {
        var error = Assert.ThrowsExactly<ProbeException>(() => ModelProbe.Run(Fixture.Settings("/nonexistent/model.onnx")));

        Assert.AreEqual("/nonexistent/model.onnx: file not found", error.Message);
    }

    [TestMethod]
    public void SecondSymbolicDimension_NeedsASize_ThenRuns()
    {
        var error = Assert.ThrowsExactly<ProbeException>(() => ModelProbe.Run(Fixture.Settings(Fixture.Sequence)));
        Assert.AreEqual("input 'x' dimension 1 'seq' is symbolic; give its size, e.g. --dim seq=128", error.Message);

        var result = ModelProbe.Run(Fixture.Settings(Fixture.Sequence) with { Dimensions = new Dictionary<string, int> { ["seq"] = 12 } });
        Assert.IsTrue(result.Complete);
    }

    [TestMethod]
    public void InputFile_FixesTheBatch()
    {
        var data = string.Join(", ", Enumerable.Range(0, 3 * 16).Select(i => (i % 7) / 7.0));
        var path = Fixture.Scratch("inputs.json", $"{{ \"inputs\": {{ \"x\": {{ \"shape\": [3, 16], \"data\": [{data}] }} }} }}");

        var result = ModelProbe.Run(Fixture.Settings() with { InputPath = path, BaselinePath = Fixture.Classifier });

        Assert.AreEqual(3, result.Measurements!.Single().BatchSize);
        Assert.AreEqual(3, result.Measurements!.Single().AgreementSamples);
    }

    [TestMethod]
    [DataRow("rank", "{ \"inputs\": { \"x\": { \"shape\": [16], \"data\": [] } } }", "inputs.x.shape: got [16], rank 1; the model expects rank 2: x: Float[batch,16]")]
    [DataRow("width", "{ \"inputs\": { \"x\": { \"shape\": [1, 15], \"data\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15] } } }", "inputs.x.shape[1]: got 15; the model expects 16")]
    [DataRow("count", "{ \"inputs\": { \"x\": { \"shape\": [2, 16], \"data\": [1, 2] } } }", "inputs.x.data: got 2 values; shape [2,16] holds 32")]
    [DataRow("unknown input", "{ \"inputs\": { \"y\": { \"shape\": [1, 16], \"data\": [] } } }", "inputs.y: the model has no such input; its inputs: x")]
    [DataRow("missing input", "{ \"inputs\": { } }", "inputs.x: missing")]
    [DataRow("not JSON", "shape: [1, 16]", "is not valid JSON")]
    public void InputFileOfTheWrongShape_IsAClearError(string scenario, string content, string message)
    {
        var path = Fixture.Scratch("inputs.json", content);

        var error = Assert.ThrowsExactly<ProbeException>(() => ModelProbe.Run(Fixture.Settings() with { InputPath = path }), scenario);

        Assert.StartsWith(path, error.Message, scenario);
        Assert.Contains(message, error.Message, scenario);
    }

    [TestMethod]
    public void Cancelled_KeepsWhatWasMeasured_MarkedIncomplete()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p is { BatchSize: 8, Phase: "timing", Done: 5 })
            {
                cancel.Cancel();
            }
        });

        var result = ModelProbe.Run(Fixture.Settings() with { BatchSizes = [1, 8, 32] }, progress, cancel.Token);

        Assert.IsFalse(result.Complete);
        Assert.HasCount(2, result.Measurements!, "batch 32 never started");
        Assert.IsTrue(result.Measurements![0].Complete);
        Assert.IsFalse(result.Measurements[1].Complete);
        Assert.AreEqual(5, result.Measurements[1].Iterations);
        Assert.IsNotNull(result.Measurements[1].P50Ms, "what was measured is kept");
    }

    [TestMethod]
    public void Result_MatchesItsSchema_AndLoadsAsFacts()
    {
        var result = ModelProbe.Run(Fixture.Settings() with { BaselinePath = Fixture.Perturbed, GpuUsdPerHour = 2.5 });
        var path = Fixture.Scratch("probe.json", ProbeResultJson.Write(result));

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var problems = SchemaCheck.Check(document.RootElement, "probe-result");
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var (facts, file) = ProbeResultLoader.Load(path);
        Assert.AreEqual(2, file.Rows);
        Assert.IsTrue(facts.All(f => f.Provider == ExecutionProvider.Cpu && f.Complete && f.Agreement < 1 && f.UsdPer1kInferences > 0));
    }

    /// <summary>Progress reported on the probe's own thread, so a test can cancel at an exact point.</summary>
    private sealed class SynchronousProgress(Action<ProbeProgress> report) : IProgress<ProbeProgress>
    {
        public void Report(ProbeProgress value) => report(value);
    }
}
