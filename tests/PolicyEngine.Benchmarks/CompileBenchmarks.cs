using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Benchmarks;

/// <summary>Compiling a pack's rules into an NRules session factory (what a gate run pays once per pack) at 10, 100 and 1,000 guardrails.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CompileBenchmarks
{
    private PolicyPack _pack = null!;

    /// <summary>Guardrails in the pack.</summary>
    [Params(10, 100, 1000)]
    public int Guardrails { get; set; }

    /// <summary>Generates and loads the pack.</summary>
    [GlobalSetup]
    public void Setup() => _pack = SyntheticPack.Build(Guardrails);

    /// <summary>Rule definitions and the compiled Rete network, uncached.</summary>
    [Benchmark]
    public CompiledPack CompileSessionFactory() => CompiledPack.Compile(_pack);
}
