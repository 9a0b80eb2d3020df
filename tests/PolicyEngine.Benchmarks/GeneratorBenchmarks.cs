using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// The generator on a project of 1,000 guardrails in ten policy files: a full run, and the run after one
/// guardrail's threshold changes (what the IDE and an incremental build pay on each edit).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Guardrails = 1000;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;

    /// <summary>Parses the sources, runs the generator once, and prepares the one-edit compilation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticPack.Compilation(SyntheticPack.Sources(Guardrails));
        _warm = SyntheticPack.Driver().RunGenerators(_compilation);
        var before = _compilation.SyntaxTrees.First();
        var after = SyntheticPack.Compilation(SyntheticPack.Sources(Guardrails, edit: true)).SyntaxTrees.First();
        _edited = _compilation.ReplaceSyntaxTree(before, before.WithChangedText(after.GetText()));
        var generated = _warm.RunGenerators(_edited).GetRunResult().Results.Single().GeneratedSources.Length;
        if (generated != 11)
        {
            throw new InvalidOperationException($"expected ten policy sources and a pack, got {generated}");
        }
    }

    /// <summary>The generator from nothing over all ten files.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver FullRun() => SyntheticPack.Driver().RunGenerators(_compilation);

    /// <summary>The generator after one guardrail changed, reusing the previous run's state.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalRun() => _warm.RunGenerators(_edited);
}
