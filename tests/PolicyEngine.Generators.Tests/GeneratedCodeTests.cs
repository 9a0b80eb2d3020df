using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Generators.Tests;

/// <summary>The generated code compiles cleanly and, loaded, judges facts in a real NRules session.</summary>
[TestClass]
public sealed class GeneratedCodeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Generate_EveryKind_CompilesWithoutAnyDiagnostic()
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("CheckoutBot.cs", Sources.EveryKind)));

        Assert.IsEmpty(diagnostics, string.Join("\n", diagnostics));
        var compiled = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.IsEmpty(compiled, string.Join("\n", compiled));
    }

    [TestMethod]
    public void Evaluate_HealthyFacts_EveryKindPasses()
    {
        var pack = LoadPack();
        var findings = CompiledPack.For(pack).Evaluate(Facts(p95: 300, errorRate: 0.010, accuracy: 0.9, usd: 0.004, throughput: 150, signature: SignatureStatus.Valid, healthy: true));

        Assert.HasCount(10, findings, string.Join("\n", findings));
        foreach (var finding in findings)
        {
            Assert.AreEqual(Outcome.Pass, finding.Outcome, $"{finding.GuardrailId}: {finding.Reason}");
        }
    }

    [TestMethod]
    public void Evaluate_DegradedFacts_EveryKindFails()
    {
        var pack = LoadPack();
        var findings = CompiledPack.For(pack).Evaluate(Facts(p95: 700, errorRate: 0.020, accuracy: 0.7, usd: 0.02, throughput: 50, signature: SignatureStatus.Invalid, healthy: false));

        Assert.HasCount(10, findings, string.Join("\n", findings));
        foreach (var finding in findings)
        {
            Assert.AreEqual(Outcome.Fail, finding.Outcome, $"{finding.GuardrailId}: {finding.Reason}");
        }

        CollectionAssert.AreEquivalent(
            new[]
            {
                GuardrailKind.LatencyBudget, GuardrailKind.CostCeiling, GuardrailKind.QualityFloor, GuardrailKind.RollbackThreshold, GuardrailKind.ComplianceGate, GuardrailKind.ProbeBudget, GuardrailKind.Custom,
                GuardrailKind.ThroughputFloor, GuardrailKind.GainBreadth, GuardrailKind.BenchmarkCoverage,
            },
            findings.Select(f => f.Kind).ToArray());
    }

    [TestMethod]
    public void Pack_ListsDescriptorsWithOwnersStagesAndSource()
    {
        var pack = LoadPack();
        var modelCard = pack.Find("checkout-bot/model-card")!;
        Assert.AreEqual("governance@contoso.example", modelCard.Owner);
        Assert.AreEqual(MissingData.Fail, modelCard.WhenMissing, "compliance gates fail on missing evidence unless told otherwise");
        Assert.AreEqual("CheckoutBot.cs", modelCard.SourceFile);
        Assert.AreEqual(27, modelCard.SourceLine);
        Assert.AreEqual("A signed model card.", modelCard.Rationale);
        Assert.AreEqual(Stages.All, pack.Find("checkout-bot/error-rate")!.Stages);
        Assert.AreEqual("checkout-bot/no-latency-regression", pack.Find("checkout-bot/no-latency-regression")!.Id);
        Assert.AreEqual(Severity.Warn, pack.Find("checkout-bot/cost-per-correct-answer")!.Severity);
        CollectionAssert.AreEqual(new[] { 50d, 90d, 95d, 99d }, pack.LatencyPercentiles.ToArray());
        CollectionAssert.AreEqual(new[] { 50d, 90d, 95d, 99d, 99.9d },
            LoadPack(Sources.EveryKind.Replace("Percentile = 95, MaxMilliseconds = 400", "Percentile = 99.9, MaxMilliseconds = 400", StringComparison.Ordinal)).LatencyPercentiles.ToArray());
    }

    private static object[] Facts(double p95, double errorRate, double accuracy, double usd, double throughput, SignatureStatus signature, bool healthy)
    {
        SliceMetrics Telemetry(Role role, double latency, double errors) => new()
        {
            Role = role,
            Slice = "all",
            Requests = 1000,
            Latency = new Percentiles([new(95, latency)]),
            ErrorRate = errors,
            UsdPerCorrectAnswer = usd,
            TokensPerGpuSecond = healthy ? 2000 : 900,
        };

        // Business slices where the candidate gains (or does not), and the other layers of the stack (or none).
        var slices = new[] { "billing", "search", "returns" }.SelectMany(s => new object[]
        {
            new QualityMetric(Role.Candidate, BenchmarkLayer.Business, s, "accuracy", healthy ? 0.85 : 0.8, 100),
            new QualityMetric(Role.Baseline, BenchmarkLayer.Business, s, "accuracy", 0.8, 100),
        });
        var layers = healthy
            ? new[] { BenchmarkLayer.Academic, BenchmarkLayer.ProductionOffline, BenchmarkLayer.Adversarial }.Select(l => (object)new QualityMetric(Role.Candidate, l, "all", "task_success", 0.8, null))
            : [];
        return
        [
            // A hybrid release: the throughput floor, for scale and hybrid releases, applies.
            new RolloutContext("checkout-bot", "3.0.0", Lever.Hybrid, Stages.Canary, Now),
            .. slices,
            .. layers,
            Telemetry(Role.Candidate, p95, errorRate),
            Telemetry(Role.Baseline, 400, 0.010),
            new QualityMetric(Role.Candidate, BenchmarkLayer.Business, "all", "accuracy", accuracy, 300),
            new Evidence("model-card", "checkout-bot", "3.0.0", "governance@contoso.example", Now.AddDays(-2), "sha256:00", signature),
            new ProbeMeasurement { BatchSize = 8, Provider = ExecutionProvider.Cpu, P50Milliseconds = 40, P95Milliseconds = 50, P99Milliseconds = 60, Throughput = throughput },
        ];
    }

    /// <summary>Compiles the generated code to an assembly, loads it, and finds its pack through the assembly attribute.</summary>
    internal static PolicyPack LoadPack(string source = Sources.EveryKind)
    {
        var (_, output, _) = GeneratorHarness.Run(GeneratorHarness.Compilation(("CheckoutBot.cs", source)));
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.IsTrue(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext(Guid.NewGuid().ToString()).LoadFromStream(stream);
        var attribute = assembly.GetCustomAttributes(typeof(PolicyPackAttribute), false).Cast<PolicyPackAttribute>().Single();
        return (PolicyPack)Activator.CreateInstance(attribute.PackType)!;
    }
}
