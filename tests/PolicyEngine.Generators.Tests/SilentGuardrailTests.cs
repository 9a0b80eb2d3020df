using Microsoft.CodeAnalysis;

namespace PolicyEngine.Generators.Tests;

/// <summary>Guardrails that would silently not run, or pass on missing data, are reported — and nothing but the PE diagnostic shows.</summary>
[TestClass]
public sealed class SilentGuardrailTests
{
    private const string Header = "using PolicyEngine;\nnamespace Contoso.Guardrails;\n";

    private static (IReadOnlyList<Diagnostic> Generator, IReadOnlyList<Diagnostic> Compiler) Compile(string source)
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Header + source)));
        return (diagnostics, output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
    }

    [TestMethod]
    [DataRow("public static partial class Helpers\n{\n    /// <summary>P95.</summary>\n    [LatencyBudget(MaxMilliseconds = 500)]\n    public static partial Guardrail P95 { get; }\n}", "Helpers.P95", "LatencyBudget", DisplayName = "a typed guardrail in an ordinary class")]
    [DataRow("public static class Helpers\n{\n    /// <summary>Accurate.</summary>\n    [Guardrail]\n    public static bool Accurate(SliceMetrics candidate) => candidate.Accuracy >= 0.9;\n}", "Helpers.Accurate", "Guardrail", DisplayName = "a custom guardrail in an ordinary class")]
    [DataRow("[GuardrailPolicy(\"p\", Owner = \"o@x.example\")]\npublic static partial class P\n{\n    public static class Inner\n    {\n        /// <summary>Accurate.</summary>\n        [Guardrail]\n        public static bool Accurate(SliceMetrics candidate) => candidate.Accuracy >= 0.9;\n    }\n}", "Inner.Accurate", "Guardrail", DisplayName = "a custom guardrail nested in a policy class")]
    public void GuardrailOutsideAPolicyClass_IsPE0016_Alone(string source, string member, string attribute)
    {
        var (generator, compiler) = Compile(source);

        var fired = generator.Where(d => d.Id == "PE0016").ToList();
        Assert.HasCount(1, fired, string.Join("\n", generator));
        Assert.Contains($"'{member}' carries [{attribute}]", fired[0].GetMessage());
        Assert.AreEqual(DiagnosticSeverity.Error, fired[0].Severity);
        Assert.IsEmpty(compiler, "the PE error is the only one: " + string.Join("\n", compiler));
    }

    [TestMethod]
    [DataRow("candidate.Accuracy is null || candidate.Accuracy >= 0.9", "candidate.Accuracy")]
    [DataRow("candidate.Accuracy >= 0.9 || candidate.Accuracy == null", "candidate.Accuracy")]
    [DataRow("null == candidate.ErrorRate || candidate.ErrorRate < 0.02", "candidate.ErrorRate")]
    [DataRow("!candidate.Accuracy.HasValue || candidate.Accuracy >= 0.9", "candidate.Accuracy")]
    [DataRow("!(candidate.Accuracy < 0.9)", "candidate.Accuracy")]
    public void PredicateThatPassesOnNull_IsPE0017(string body, string metric)
    {
        var (generator, _) = Compile(Policy($"bool Accurate(SliceMetrics candidate) => {body};"));

        var fired = generator.Where(d => d.Id == "PE0017").ToList();
        Assert.HasCount(1, fired, string.Join("\n", generator));
        Assert.Contains($"passes when {metric} is null", fired[0].GetMessage());
        Assert.AreEqual(DiagnosticSeverity.Warning, fired[0].Severity);
    }

    [TestMethod]
    [DataRow("bool Accurate(SliceMetrics candidate) => candidate.Accuracy >= 0.9;")]
    [DataRow("bool? Accurate(SliceMetrics candidate) => candidate.Accuracy is { } a ? a >= 0.9 : null;")]
    [DataRow("bool Accurate(SliceMetrics candidate) => candidate.Slice == \"all\" || candidate.Accuracy >= 0.95;")]
    [DataRow("GuardrailResult Accurate(SliceMetrics candidate) => GuardrailResult.AtLeast(candidate.Accuracy, 0.9, \"accuracy\");")]
    public void PredicateThatFailsOrCannotTellOnNull_IsSilent(string method)
    {
        var (generator, compiler) = Compile(Policy(method));

        Assert.IsEmpty(generator, string.Join("\n", generator));
        Assert.IsEmpty(compiler, string.Join("\n", compiler));
    }

    [TestMethod]
    [DataRow("task_success", "Min = 0.8", true)]
    [DataRow("calibration_error", "Max = 0.1", false)]
    [DataRow("accuracy", "Min = 0.8", false)]
    [DataRow("hallucination_rate", "Max = 0.05", false)]
    public void LiveFloor_OnAMetricTelemetryDoesNotMeasure_IsPE0020(string metric, string bound, bool refused)
    {
        var source = "[GuardrailPolicy(\"p\", Owner = \"o@x.example\")]\npublic static partial class P\n{\n    /// <summary>Live.</summary>\n"
            + $"    [QualityFloor(\"{metric}\", BenchmarkLayer.Live, {bound})]\n    public static partial Guardrail Live {{ get; }}\n}}";

        var (generator, compiler) = Compile(source);

        Assert.AreEqual(refused, generator.Any(d => d.Id == "PE0020" && d.GetMessage().Contains("could never pass", StringComparison.Ordinal)), string.Join("\n", generator));
        Assert.IsEmpty(compiler, string.Join("\n", compiler));
    }

    [TestMethod]
    public void ReturnTypeOtherThanAnAnswer_IsPE0007()
    {
        var (generator, _) = Compile(Policy("double Accurate(SliceMetrics candidate) => 1;"));

        Assert.Contains("must return bool, bool? (null: cannot tell) or GuardrailResult", generator.Single(d => d.Id == "PE0007").GetMessage());
    }

    private static string Policy(string method) =>
        $"[GuardrailPolicy(\"p\", Owner = \"o@x.example\")]\npublic static partial class P\n{{\n    /// <summary>Accurate.</summary>\n    [Guardrail]\n    public static {method}\n}}";
}
