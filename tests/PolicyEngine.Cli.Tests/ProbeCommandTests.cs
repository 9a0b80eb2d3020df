using System.Text.Json;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs;

namespace PolicyEngine.Cli.Tests;

/// <summary><c>probe</c> and the gate's probe budgets, end to end on the tiny committed models.</summary>
[TestClass]
public sealed class ProbeCommandTests
{
    private static readonly string Classifier = Path.Combine(AppContext.BaseDirectory, "Fixtures", "classifier.onnx");
    private static readonly string Perturbed = Path.Combine(AppContext.BaseDirectory, "Fixtures", "classifier-perturbed.onnx");

    [TestMethod]
    public void Probe_WritesAResultThatMatchesItsSchema()
    {
        using var cli = new Cli();
        var output = cli.PathOf("probe.json");

        var result = cli.Run("probe", Classifier, "--provider", "cpu", "--batch-sizes", "1", "4", "--iterations", "20", "--baseline", Perturbed, "--gpu-usd-per-hour", "2.5", "--output", output);

        Assert.AreEqual(0, result.Exit, result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(output));
        Assert.IsEmpty(SchemaCheck.Check(document.RootElement, "probe-result"));
        Assert.AreEqual(2, document.RootElement.GetProperty("measurements").GetArrayLength());
        Assert.Contains("Items/s", result.Output);
        Assert.Contains($"result written to {output}", result.Output);
    }

    [TestMethod]
    public void Validate_AcceptsAProbeResult_AndRefusesABrokenOne()
    {
        using var cli = new Cli();
        var output = cli.PathOf("probe.json");
        Assert.AreEqual(0, cli.Run("probe", Classifier, "--provider", "cpu", "--iterations", "5", "--output", output).Exit);
        var broken = cli.Write("broken.json", File.ReadAllText(output).Replace("\"providerUsed\": \"cpu\"", "\"providerUsed\": \"gpu\"", StringComparison.Ordinal));
        var negativeCost = cli.Write("cost.json", System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(output), "\"p50Ms\"", "\"usdPer1kInferences\": -1,\n      \"p50Ms\""));

        var valid = cli.Run("validate", "--probe", output);
        var invalid = cli.Run("validate", "--probe", broken);

        Assert.AreEqual(0, valid.Exit, valid.ToString());
        Assert.Contains("1 batch sizes (1) on Cpu", valid.Output);
        Assert.AreEqual(4, invalid.Exit, invalid.ToString());
        Assert.Contains("/providerUsed", invalid.Output);
        var cost = cli.Run("gate", "--sample", "--stage", "offline", "--probe", negativeCost);
        Assert.AreEqual(4, cost.Exit, cost.ToString());
        Assert.Contains("usdPer1kInferences: got -1; expected a finite cost of zero or more", cost.Error);
    }

    [TestMethod]
    public void Probe_ExplicitCudaWithoutCuda_ErrorsWithTheReason()
    {
        using var cli = new Cli();

        var result = cli.Run("probe", Classifier, "--provider", "cuda", "--output", cli.PathOf("probe.json"));

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("the Cuda provider cannot be used: the ONNX Runtime in", result.Error);
        Assert.Contains("is the CPU build", result.Error);
        Assert.IsFalse(File.Exists(cli.PathOf("probe.json")), "no result: nothing ran on the CPU in its place");
    }

    [TestMethod]
    public void Probe_AutoWithoutCuda_RecordsTheFallback()
    {
        using var cli = new Cli();
        var output = cli.PathOf("probe.json");

        var result = cli.Run("probe", Classifier, "--iterations", "5", "--output", output);

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.Contains("fell back to the CPU", result.Output);
        var probe = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        Assert.AreEqual("cpu", probe.GetProperty("providerUsed").GetString());
        Assert.Contains("is the CPU build", probe.GetProperty("fallbackReason").GetString()!);
    }

    [TestMethod]
    public void Probe_Stopped_WritesWhatItMeasured_MarkedIncomplete_AndExits4()
    {
        using var cli = new Cli();
        var output = cli.PathOf("probe.json");
        // Long enough for the model to load and some runs to be timed even on a slow machine; far shorter than 1e8 runs.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));

        var result = cli.Run(cancel.Token, "probe", Classifier, "--provider", "cpu", "--iterations", "100000000", "--output", output);

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("stopped before the end", result.Error);
        var probe = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        Assert.IsFalse(probe.GetProperty("complete").GetBoolean());
        var measurement = probe.GetProperty("measurements")[0];
        Assert.IsFalse(measurement.GetProperty("complete").GetBoolean());
        Assert.IsGreaterThan(0, measurement.GetProperty("iterations").GetInt32(), "the runs done before the stop are kept");
    }

    [TestMethod]
    public void Probe_NotAnOnnxFile_IsAClearError()
    {
        using var cli = new Cli();

        var result = cli.Run("probe", cli.Write("model.onnx", "not a model"));

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("model.onnx: is not an ONNX model ONNX Runtime can load", result.Error);
    }

    [TestMethod]
    public void Gate_CudaBudget_FailsOnACpuFallback_EvenWhenFast()
    {
        using var cli = new Cli();

        var result = cli.Gate("--stage", "offline", "--probe-model", Classifier, "--probe-baseline", Classifier, "--probe-iterations", "20");

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Block, result.Record.Verdict);
        var latency = result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/probe-latency");
        Assert.AreEqual(Outcome.Fail, latency.Outcome);
        Assert.AreEqual("the probe at batch 1 ran on Cpu; this budget requires Cuda", latency.Reason);
        Assert.AreEqual(Outcome.Pass, result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/probe-agreement").Outcome);
        var probe = result.Record.Inputs.Single(i => i.Kind == "probe");
        Assert.IsTrue(File.Exists(probe.Path), "the in-place probe's result is kept with the records");
    }

    [TestMethod]
    public void Gate_StoredProbeResult_JudgesAgreement()
    {
        using var cli = new Cli();
        var output = cli.PathOf("probe.json");
        Assert.AreEqual(0, cli.Run("probe", Classifier, "--provider", "cpu", "--baseline", Perturbed, "--iterations", "10", "--output", output).Exit);

        var result = cli.Gate("--stage", "offline", "--probe", output);

        var agreement = result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/probe-agreement");
        Assert.AreEqual(Outcome.Fail, agreement.Outcome, result.ToString());
        Assert.IsTrue(agreement.Observed < 0.98);
        Assert.AreEqual(1, result.Exit);
    }

    [TestMethod]
    public void Gate_ProbeThatCannotRun_IsAnError()
    {
        using var cli = new Cli();

        var result = cli.Gate("--stage", "offline", "--probe-model", Classifier, "--probe-provider", "cuda");

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("the probe failed: the Cuda provider cannot be used", result.Record.Errors.Single());
    }

    [TestMethod]
    public void Gate_ProbeResultAndProbeModelTogether_IsUsage()
    {
        using var cli = new Cli();

        var result = cli.Gate("--probe", "a.json", "--probe-model", Classifier);

        Assert.AreEqual(64, result.Exit, result.ToString());
    }
}
