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
    [DataRow("Measurements = 10, BaselineRatio = 9", "PE0043", "sets BaselineRatio without Sequential = true; it tunes a confidence sequence only")]
    [DataRow("Sequential = true, Measurements = 10, BaselineRatio = 0", "PE0043", "sets BaselineRatio 0; expected the baseline's samples per candidate sample, from 0.001 to 1000")]
    [DataRow("Sequential = true, Measurements = 10, BaselineRatio = 5000", "PE0043", "sets BaselineRatio 5000; expected")]
    [DataRow("Sequential = true, Measurements = 10, BaselineRatio = double.NaN", "PE0043", "sets BaselineRatio NaN; expected")]
    [DataRow("Sequential = true, Measurements = 10, BaselineRatio = double.PositiveInfinity", "PE0043", "; expected the baseline's samples per candidate sample")]
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
    [DataRow("BaselineRatio = 9", "BaselineRatio = 9")]
    [DataRow("BaselineRatio = 0.5", "BaselineRatio = 0.5")]
    [DataRow("MinSamples = 10", "BaselineRatio = 1")]
    public void ABaselineRatio_ReachesTheSpec(string declaration, string emitted)
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy($"Sequential = true, Measurements = 10, {declaration}"))));

        Assert.IsEmpty(diagnostics, string.Join("\n", diagnostics));
        Assert.Contains(emitted, string.Concat(GeneratorHarness.Sources(driver).Values));
    }

    [TestMethod]
    public void UndeclaredMeasurement_LeavesTheGuardrailToTheWatch()
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy("MinSamples = 10"))));

        Assert.IsEmpty(diagnostics);
        Assert.DoesNotContain("MeasurementRules", string.Concat(GeneratorHarness.Sources(driver).Values));
    }

    [TestMethod]
    [DataRow("latency_p95", true, "Latency")]
    [DataRow("ttft_p99", true, "Ttft")]
    [DataRow("latency", true, "Latency")]
    [DataRow("error_rate", true, null)]
    [DataRow("usd_per_1k_requests", true, "Cost")]
    [DataRow("usd_per_correct_answer", false, null)]
    [DataRow("usd_per_1m_tokens", false, null)]
    public void Sequential_JudgesRatesDistributionsPercentilesAndCosts_AndRefusesTheRest(string metric, bool judged, string? sampled)
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
        Assert.AreEqual(sampled is not null, pack.Contains("SampledMetrics { get; }", StringComparison.Ordinal),
            "a sequential distribution, percentile or cost asks for the raw samples it is judged on");
        if (sampled is not null)
        {
            Assert.Contains($"new(global::PolicyEngine.SampledMetric.{sampled}, \"all\")", pack);
        }
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
