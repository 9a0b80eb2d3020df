namespace PolicyEngine.Generators.Tests;

/// <summary>Repeated measurement declared on a rollback threshold: checked at compile time.</summary>
[TestClass]
public sealed class MeasurementDeclarationTests
{
    [TestMethod]
    [DataRow("Measurements = -2", "PE0005", "Measurements")]
    [DataRow("Measurements = 3, FailureLimit = -2", "PE0026", "sets FailureLimit to -2; expected 0 or more, or -1 for no limit")]
    [DataRow("Measurements = 3, FailureLimit = -1", "PE0028", "FailureLimit = -1 (no limit) without a ConsecutiveSuccessLimit")]
    [DataRow("Measurements = 3, InconclusiveLimit = -3", "PE0026", "sets InconclusiveLimit to -3")]
    [DataRow("Measurements = 3, ConsecutiveErrorLimit = -1", "PE0026", "sets ConsecutiveErrorLimit to -1; expected 0 or more")]
    [DataRow("Measurements = 3, ConsecutiveSuccessLimit = 4", "PE0027", "ConsecutiveSuccessLimit 4 above its 3 Measurements")]
    [DataRow("Measurements = 3, MeasurementIntervalSeconds = -5", "PE0026", "sets MeasurementIntervalSeconds to -5")]
    [DataRow("Sequential = true, Measurements = 30, MeasurementIntervalSeconds = 0, MinDurationSeconds = 300", "PE0043", "sets MinDurationSeconds 300 with MeasurementIntervalSeconds 0")]
    [DataRow("Sequential = true, Measurements = 10, MeasurementIntervalSeconds = 60, MinDurationSeconds = 601", "PE0043", "takes 11 measurements 60 s apart, more than its 10 Measurements; it could never promote the canary")]
    [DataRow("Sequential = true, Measurements = 10, MinDurationSeconds = -1", "PE0043", "sets MinDurationSeconds to -1; expected 0 or more")]
    [DataRow("Measurements = 10, MinDurationSeconds = 60", "PE0043", "sets MinDurationSeconds without Sequential = true")]
    public void ImpossibleMeasurement_IsACompileError(string declaration, string id, string message)
    {
        var diagnostics = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy(declaration)))).Diagnostics;

        var fired = diagnostics.Single(d => d.Id == id);
        Assert.Contains(message, fired.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void ArgoLimits_NoFailureLimitWithASuccessLimit_Compile()
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy("Measurements = 10, FailureLimit = -1, InconclusiveLimit = -1, ConsecutiveSuccessLimit = 4"))));

        Assert.IsEmpty(diagnostics, string.Join("\n", diagnostics));
        Assert.IsEmpty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }

    [TestMethod]
    public void AMinimumDuration_TheSeriesReaches_Compiles()
    {
        var diagnostics = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy("Sequential = true, Measurements = 10, MeasurementIntervalSeconds = 60, MinDurationSeconds = 600")))).Diagnostics;

        Assert.IsEmpty(diagnostics, string.Join("\n", diagnostics));
    }

    [TestMethod]
    public void UndeclaredMeasurement_LeavesTheGuardrailToTheWatch()
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy("MinSamples = 10"))));

        Assert.IsEmpty(diagnostics);
        Assert.DoesNotContain("MeasurementRules", string.Concat(GeneratorHarness.Sources(driver).Values));
    }

    [TestMethod]
    [DataRow("latency_p95", true)]
    [DataRow("ttft_p99", true)]
    [DataRow("latency", true)]
    [DataRow("error_rate", true)]
    [DataRow("usd_per_correct_answer", false)]
    [DataRow("usd_per_1k_requests", false)]
    public void Sequential_JudgesRatesDistributionsAndPercentiles_AndRefusesTheRest(string metric, bool judged)
    {
        var source = Policy("Sequential = true, Measurements = 30").Replace("\"error_rate\"", $"\"{metric}\"", StringComparison.Ordinal);

        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", source)));

        if (judged)
        {
            Assert.IsEmpty(diagnostics, string.Join("\n", diagnostics));
        }
        else
        {
            Assert.Contains($"is Sequential on {metric}; confidence sequences judge", diagnostics.Single(d => d.Id == "PE0043").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        var pack = string.Concat(GeneratorHarness.Sources(driver).Values);
        var sampled = metric.StartsWith("latency", StringComparison.Ordinal) || metric.StartsWith("ttft", StringComparison.Ordinal);
        Assert.AreEqual(judged && sampled, pack.Contains("SampledMetrics { get; }", StringComparison.Ordinal),
            "a sequential distribution or percentile asks for the raw samples it is judged on");
    }

    private static string Policy(string declaration) => $$"""
        using PolicyEngine;

        namespace Contoso.Guardrails;

        [GuardrailPolicy("support-assistant", Owner = "ml-platform@contoso.example")]
        public static partial class SupportAssistant
        {
            /// <summary>Errors may not rise more than 10 % during the canary.</summary>
            [RollbackThreshold("error_rate", MaxRelativeIncrease = 0.10, {{declaration}})]
            public static partial Guardrail ErrorRate { get; }
        }
        """;
}
