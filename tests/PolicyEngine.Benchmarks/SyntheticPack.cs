extern alias generator;

using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using generator::PolicyEngine.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PolicyEngine.Evaluation;
using PolicyEngine.TestSupport;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// Guardrail packs of any size, written as source, run through the real generator in memory and compiled
/// with Roslyn: what a team with that many guardrails would build. Guardrail i alternates between a P95
/// latency budget and a cost ceiling, on slice <c>s{(7 i) mod 1000}</c>, 100 guardrails per policy file.
/// </summary>
public static class SyntheticPack
{
    /// <summary>Guardrails per policy file.</summary>
    public const int PerFile = 100;

    /// <summary>Slices the synthetic telemetry covers.</summary>
    public const int Slices = 1000;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp13, DocumentationMode.Parse);


    /// <summary>The slice guardrail <paramref name="i"/> judges.</summary>
    public static string SliceOf(int i) => $"s{i * 7 % Slices}";

    /// <summary>Whether guardrail <paramref name="i"/> is a latency budget (else a cost ceiling).</summary>
    public static bool IsLatency(int i) => i % 2 == 0;

    /// <summary>Guardrail <paramref name="i"/>'s threshold: milliseconds, or USD per 1k requests.</summary>
    public static double ThresholdOf(int i) => IsLatency(i) ? 300 + (i % 200) : 4 + (i % 50 / 10.0);

    /// <summary>The policy sources: one file of <see cref="PerFile"/> guardrails per hundred. <paramref name="edit"/> changes guardrail 0's threshold.</summary>
    public static IReadOnlyList<(string File, string Source)> Sources(int guardrails, bool edit = false)
    {
        var files = new List<(string, string)>();
        for (var f = 0; f * PerFile < guardrails; f++)
        {
            var source = new StringBuilder();
            source.AppendLine("using PolicyEngine;");
            source.AppendLine("namespace Contoso.Guardrails;");
            source.AppendLine($"/// <summary>Synthetic policy {f}.</summary>");
            source.AppendLine($"[GuardrailPolicy(\"policy-{f}\", Owner = \"bench@contoso.example\")]");
            source.AppendLine($"public static partial class Policy{f}");
            source.AppendLine("{");
            for (var i = f * PerFile; i < Math.Min(guardrails, (f + 1) * PerFile); i++)
            {
                var threshold = ThresholdOf(i) + (edit && i == 0 ? 1 : 0);
                source.AppendLine($"    /// <summary>Guardrail {i} keeps slice {SliceOf(i)} in budget.</summary>");
                source.AppendLine(IsLatency(i)
                    ? string.Create(CultureInfo.InvariantCulture, $"    [LatencyBudget(Percentile = 95, MaxMilliseconds = {threshold}, Slice = \"{SliceOf(i)}\")]")
                    : string.Create(CultureInfo.InvariantCulture, $"    [CostCeiling(CostMetric.UsdPer1kRequests, Max = {threshold}, Slice = \"{SliceOf(i)}\")]"));
                source.AppendLine($"    public static partial Guardrail G{i} {{ get; }}");
            }

            source.AppendLine("}");
            files.Add(($"Policy{f}.cs", source.ToString()));
        }

        return files;
    }

    /// <summary>The compilation of <paramref name="sources"/>, before the generator runs.</summary>
    public static CSharpCompilation Compilation(IEnumerable<(string File, string Source)> sources, string assemblyName = "Contoso.Guardrails") =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, "/src/Contoso.Guardrails/" + s.File)),
            CompilationReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A generator driver as the compiler would create it, with step tracking off (as in a real build).</summary>
    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create([new GuardrailGenerator().AsSourceGenerator()], parseOptions: ParseOptions, optionsProvider: new ProjectDirectoryOptions("/src/Contoso.Guardrails/"));

    /// <summary>Generates, compiles and loads a pack of <paramref name="guardrails"/> guardrails.</summary>
    public static PolicyPack Build(int guardrails) => Build(Sources(guardrails), $"Contoso.Guardrails{guardrails}");

    /// <summary>Generates, compiles and loads the pack the sources declare.</summary>
    public static PolicyPack Build(IEnumerable<(string File, string Source)> sources, string assemblyName)
    {
        var compilation = Compilation(sources, assemblyName);
        Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        }

        stream.Position = 0;
        var assembly = AssemblyLoadContext.Default.LoadFromStream(stream);
        return (PolicyPack)Activator.CreateInstance(assembly.GetCustomAttribute<PolicyPackAttribute>()!.PackType)!;
    }

    /// <summary>The facts the rule-evaluation benchmark judges: the release in canary and one candidate fact per slice.</summary>
    public static List<object> Facts()
    {
        var facts = new List<object> { new RolloutContext("support-assistant", "2.1.0", Lever.Scale, Stages.Canary, DateTimeOffset.UnixEpoch) };
        for (var s = 0; s < Slices; s++)
        {
            facts.Add(new SliceMetrics
            {
                Role = Role.Candidate,
                Slice = $"s{s}",
                Requests = 1000,
                Latency = new Percentiles([new(50, 150 + (s % 100)), new(90, 250 + (s % 150)), new(95, 300 + (s % 250)), new(99, 400 + (s % 300))]),
                UsdPer1kRequests = 3 + (s % 40 / 10.0),
            });
        }

        return facts;
    }
}
