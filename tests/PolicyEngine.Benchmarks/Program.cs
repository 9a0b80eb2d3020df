using BenchmarkDotNet.Running;

namespace PolicyEngine.Benchmarks;

/// <summary>Runs the benchmarks the arguments select, e.g. <c>--filter *Gate*</c>; see docs/benchmarks.md.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
