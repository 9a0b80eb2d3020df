extern alias generator;

using generator::PolicyEngine.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PolicyEngine.Generators.Tests;

/// <summary>The generator does no work it need not: tracked steps and outputs are cached across runs.</summary>
[TestClass]
public sealed class IncrementalityTests
{
    private static readonly string[] PipelineSteps = [TrackingNames.Policy, TrackingNames.Diagnostics, TrackingNames.Pack];

    [TestMethod]
    public void Rerun_NoChange_EveryStepCachedOrUnchanged()
    {
        var compilation = TwoPolicies();
        var (driver, _, _) = GeneratorHarness.Run(compilation);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        AssertAllReused(second, PipelineSteps.Append(TrackingNames.Parse));
    }

    [TestMethod]
    public void Rerun_UnrelatedFileAdded_RegeneratesNothing()
    {
        var compilation = TwoPolicies();
        var (driver, _, _) = GeneratorHarness.Run(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Contoso; public static class Unrelated { public static int Answer => 42; }",
            GeneratorHarness.ParseOptions, GeneratorHarness.ProjectDirectory + "Unrelated.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllReused(second, PipelineSteps);
    }

    [TestMethod]
    public void Rerun_OneThresholdChanged_RegeneratesOnlyThatPolicyAndThePack()
    {
        var compilation = TwoPolicies();
        var (driver, _, _) = GeneratorHarness.Run(compilation);
        var firstSources = GeneratorHarness.Sources(driver);

        var oldTree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("SearchRanker.cs", StringComparison.Ordinal));
        var newTree = oldTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Sources.Other.Replace("MaxMilliseconds = 900", "MaxMilliseconds = 950", StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, newTree));
        var second = driver.GetRunResult().Results.Single();

        var policies = second.TrackedSteps[TrackingNames.Policy].SelectMany(s => s.Outputs).ToList();
        Assert.HasCount(2, policies);
        Assert.AreEqual(1, policies.Count(o => o.Reason == IncrementalStepRunReason.Modified), Describe(second));
        Assert.AreEqual(1, policies.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), Describe(second));
        Assert.AreEqual(IncrementalStepRunReason.Modified, second.TrackedSteps[TrackingNames.Pack].Single().Outputs.Single().Reason);

        var sources = GeneratorHarness.Sources(driver);
        Assert.AreEqual(firstSources["Contoso.Guardrails.CheckoutBot.g.cs"], sources["Contoso.Guardrails.CheckoutBot.g.cs"]);
        Assert.AreNotEqual(firstSources["Contoso.Guardrails.SearchRanker.g.cs"], sources["Contoso.Guardrails.SearchRanker.g.cs"]);
        Assert.AreNotEqual(firstSources["GuardrailPack.g.cs"], sources["GuardrailPack.g.cs"], "the fingerprint follows the threshold");
    }

    private static CSharpCompilation TwoPolicies() =>
        GeneratorHarness.Compilation(("CheckoutBot.cs", Sources.EveryKind), ("SearchRanker.cs", Sources.Other));

    private static void AssertAllReused(GeneratorRunResult result, IEnumerable<string> steps)
    {
        foreach (var step in steps)
        {
            Assert.IsTrue(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                Assert.IsTrue(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {step} output was {output.Reason}\n{Describe(result)}");
            }
        }

        foreach (var output in result.TrackedOutputSteps.SelectMany(o => o.Value).SelectMany(s => s.Outputs))
        {
            Assert.AreEqual(IncrementalStepRunReason.Cached, output.Reason, Describe(result));
        }
    }

    private static string Describe(GeneratorRunResult result) =>
        string.Join("\n", result.TrackedSteps.Select(s => $"{s.Key}: {string.Join(", ", s.Value.SelectMany(x => x.Outputs).Select(o => o.Reason))}"));
}
