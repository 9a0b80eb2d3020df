using System.Globalization;

namespace PolicyEngine.Generators.Tests;

/// <summary>Distribution thresholds, history comparisons and metric groups: checked at compile time, emitted into the pack.</summary>
[TestClass]
public sealed class CanaryAnalysisDeclarationTests
{
    [TestMethod]
    [DataRow("\"latency\", MaxRelativeIncrease = 0.1, Confidence = 1.5", "PE0023", "Confidence 1.5")]
    [DataRow("\"latency\", MaxRelativeIncrease = 0.1, MaxRelativeDecrease = 0.1, MaxAbsoluteDecrease = 5", "PE0022", "set at most one")]
    [DataRow("\"latency\", MaxRelativeDecrease = 0.1", "PE0011", "must set exactly one of MaxRelativeIncrease, MaxAbsoluteIncrease")]
    [DataRow("\"latency_p95\", MaxRelativeIncrease = 0.1, MaxRelativeDecrease = 0.1", "PE0018", "limits a decrease of latency_p95")]
    [DataRow("\"error_rate\", MaxRelativeIncrease = 0.1, Confidence = 0.9", "PE0021", "applies to a whole distribution only")]
    [DataRow("\"error_rate\", MaxRelativeIncrease = 0.1, WhenNaN = NaNPolicy.Fail", "PE0021", "sets WhenNaN")]
    [DataRow("\"latency\", MaxRelativeIncrease = 0.1, HistoryCount = 3", "PE0025", "decision records keep figures, not samples")]
    [DataRow("\"latency_p95\", MaxRelativeIncrease = 0.1, HistoryPercentile = 50", "PE0024", "HistoryPercentile without HistoryCount")]
    [DataRow("\"latency_p95\", MaxRelativeIncrease = 0.1, HistoryCount = 3, HistoryPercentile = 100", "PE0004", "")]
    [DataRow("\"latency_p95\", MaxRelativeIncrease = 0.1, HistoryCount = -1", "PE0005", "HistoryCount")]
    [DataRow("\"latency_p95\", MaxRelativeIncrease = 0.1, Group = \"speed\"", "PE0036", "has no metric group 'speed'")]
    [DataRow("\"latency_p95\", MaxRelativeIncrease = 0.1, Group = \" \"", "PE0029", "empty Group")]
    [DataRow("\"latency_p95\", MaxRelativeIncrease = 0.1, Group = \"latency\", Measurements = 3)", "PE0037", "declare Measurements while it scores in group 'latency'")]
    public void ImpossibleThreshold_IsACompileError(string declaration, string id, string message)
    {
        var fired = Diagnostics(Policy($"[RollbackThreshold({declaration})]", "[MetricGroup(\"latency\")]")).Where(d => d.Id == id).ToList();

        Assert.IsNotEmpty(fired, $"{id} did not fire");
        Assert.Contains(message, fired[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [TestMethod]
    [DataRow("[MetricGroup(\"latency\", Weight = 0)]", "PE0035", "weight 0")]
    [DataRow("[MetricGroup(\"latency\")][MetricGroup(\"latency\")]", "PE0034", "twice")]
    [DataRow("[MetricGroup(\"\")]", "PE0033", "without a name")]
    public void ImpossibleGroup_HasItsOwnId(string groups, string id, string message)
    {
        var fired = Diagnostics(Policy("[RollbackThreshold(\"latency_p95\", MaxRelativeIncrease = 0.1)]", groups)).Where(d => d.Id == id).ToList();

        Assert.IsNotEmpty(fired);
        Assert.Contains(message, fired[0].GetMessage(CultureInfo.InvariantCulture));
    }

    [TestMethod]
    [DataRow(80, 90)]
    [DataRow(120, 75)]
    [DataRow(90, -1)]
    public void ScoreThresholdsOutOfOrder_ArePE0015(double pass, double marginal)
    {
        var source = Policy("[RollbackThreshold(\"latency_p95\", MaxRelativeIncrease = 0.1, Group = \"latency\")]", "[MetricGroup(\"latency\")]",
            string.Create(CultureInfo.InvariantCulture, $", ScorePass = {pass}, ScoreMarginal = {marginal}"));

        var fired = Diagnostics(source).Single(d => d.Id == "PE0015");

        Assert.Contains("expected 0 ≤ ScoreMarginal ≤ ScorePass ≤ 100", fired.GetMessage(CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void ADistributionThreshold_AsksTheLoaderForItsSamples_AndSaysHowItJudges()
    {
        var source = Policy("[RollbackThreshold(\"ttft\", MaxAbsoluteIncrease = 20, MaxRelativeDecrease = 0.2, Slice = \"chat\", Confidence = 0.99, WhenNaN = NaNPolicy.Fail)]");
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", source)));
        var generated = string.Concat(GeneratorHarness.Sources(driver).Values);

        Assert.IsEmpty(diagnostics);
        Assert.Contains("new(global::PolicyEngine.SampledMetric.Ttft, \"chat\")", generated);
        Assert.Contains("RollbackThresholdCheck.Evaluate(PolicyEngineGenerated.Regression, PolicyEngineGenerated.Specs.Regression, __index)", generated);
        Assert.Contains("Metric = global::PolicyEngine.Specs.TelemetryMetric.Ttft,", generated);
        Assert.Contains("new global::PolicyEngine.Evaluation.ShiftLimit(global::PolicyEngine.Evaluation.ChangeLimit.AbsoluteIncrease, 20d)", generated);
        Assert.Contains("new global::PolicyEngine.Evaluation.ShiftLimit(global::PolicyEngine.Evaluation.ChangeLimit.RelativeDecrease, 0.2d)", generated);
        Assert.Contains("Confidence = 0.99d, WhenNaN = global::PolicyEngine.NaNPolicy.Fail", generated);
        Assert.Contains("ttft distribution shift (Hodges–Lehmann, Mann–Whitney at 99 % confidence) versus the baseline: absolute increase ≤ 20, relative decrease ≤ 20 % on slice 'chat'", generated);
    }

    [TestMethod]
    public void AFigureThreshold_AsksForNoSamples_AndAPackWithoutExtrasStaysAsItWas()
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy("[RollbackThreshold(\"latency_p95\", MaxRelativeIncrease = 0.1)]"))));
        var generated = string.Concat(GeneratorHarness.Sources(driver).Values);

        Assert.IsEmpty(diagnostics);
        Assert.DoesNotContain("SampledMetrics", generated);
        Assert.DoesNotContain("Scorecards", generated);
        Assert.DoesNotContain("HistoryDepth", generated);
    }

    [TestMethod]
    public void TheScorecard_ChangesTheFingerprint()
    {
        static string Fingerprint(string pass) =>
            GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs",
                Policy("[RollbackThreshold(\"latency_p95\", MaxRelativeIncrease = 0.1, Group = \"latency\")]", "[MetricGroup(\"latency\")]", $", ScorePass = {pass}")))).Driver)
                .Values.Select(s => System.Text.RegularExpressions.Regex.Match(s, "PackFingerprint = \"(sha256:[0-9a-f]+)\"")).First(m => m.Success).Groups[1].Value;

        Assert.AreNotEqual(Fingerprint("95"), Fingerprint("90"));
    }

    private static IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> Diagnostics(string source) =>
        GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", source))).Diagnostics;

    private static string Policy(string attribute, string groups = "", string policyArguments = "") => $$"""
        using PolicyEngine;

        namespace Contoso.Guardrails;

        [GuardrailPolicy("support-assistant", Owner = "ml-platform@contoso.example"{{policyArguments}})]
        {{groups}}
        public static partial class SupportAssistant
        {
            /// <summary>The canary does not regress.</summary>
            {{attribute}}
            public static partial Guardrail Regression { get; }
        }
        """;
}
