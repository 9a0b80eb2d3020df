using System.Reflection;
using System.Text.Json;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The GPU probe's one-time step (docs/probe.md): pointed at ONNX Runtime's GPU build, the installed command loads
/// it instead of its CPU build. A process binds one native ONNX Runtime, so each case runs the command in a process
/// of its own. This machine has no GPU: CUDA is found but cannot start, and the reasons must say that, not "CPU build".
/// </summary>
[TestClass]
public sealed class GpuBuildTests
{
    private static readonly string Classifier = Path.Combine(AppContext.BaseDirectory, "Fixtures", "classifier.onnx");

    /// <summary>The native folder of Microsoft.ML.OnnxRuntime.Gpu.Linux, the same release as the tool's (set by the project file).</summary>
    private static string GpuBuild => typeof(GpuBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "OnnxRuntimeGpuBuild").Value!;

    [TestMethod]
    public void Auto_OnTheGpuBuild_RecordsWhyCudaDidNotStart()
    {
        using var cli = new Cli();
        var output = cli.PathOf("probe.json");

        var (exit, _, error) = CliProcess.Run(["probe", Classifier, "--iterations", "3", "--onnxruntime", GpuBuild, "--output", output]);

        Assert.AreEqual(0, exit, error);
        using var result = JsonDocument.Parse(File.ReadAllText(output));
        Assert.AreEqual("1.31.0", result.RootElement.GetProperty("onnxRuntimeVersion").GetString());
        if (result.RootElement.GetProperty("providerUsed").GetString() == "cpu")
        {
            var reason = result.RootElement.GetProperty("fallbackReason").GetString()!;
            Assert.DoesNotContain("CPU build", reason, "the GPU build was loaded");
            Assert.Contains("libonnxruntime_providers_cuda.so", reason, "the reason names the provider that would not start");
        }
    }

    [TestMethod]
    public void ExplicitCuda_OnTheGpuBuild_WithoutCudaLibraries_IsAnError()
    {
        if (File.Exists("/dev/nvidiactl"))
        {
            Assert.Inconclusive("this machine has a GPU: the error path needs one without");
        }

        using var cli = new Cli();
        var output = cli.PathOf("probe.json");

        var (exit, _, error) = CliProcess.Run(["probe", Classifier, "--provider", "cuda", "--onnxruntime", GpuBuild, "--output", output]);

        Assert.AreEqual(4, exit, error);
        Assert.Contains("the Cuda provider cannot be used: libonnxruntime_providers_cuda.so cannot load", error, "the dynamic loader names what is missing");
        Assert.DoesNotContain("CPU build", error);
        Assert.IsFalse(File.Exists(output), "no result is written for a provider that cannot load");
    }

    [TestMethod]
    public void TheEnvironmentVariable_PointsAtTheGpuBuild_WhenTheOptionIsNotGiven()
    {
        using var cli = new Cli();
        var output = cli.PathOf("probe.json");

        var (exit, _, error) = CliProcess.Run(["probe", Classifier, "--iterations", "3", "--output", output], environment: (ProbeOptions.OnnxRuntimeEnvironment, GpuBuild));

        Assert.AreEqual(0, exit, error);
        using var result = JsonDocument.Parse(File.ReadAllText(output));
        Assert.DoesNotContain("CPU build", result.RootElement.TryGetProperty("fallbackReason", out var reason) ? reason.GetString() ?? "" : "");
    }
}
