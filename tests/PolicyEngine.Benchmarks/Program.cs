using BenchmarkDotNet.Running;

namespace PolicyEngine.Benchmarks;

/// <summary>Runs the benchmarks the arguments select, e.g. <c>--filter *Gate*</c>, the serve load test (<c>serve-load</c>) or the canary simulation (<c>canary-simulation</c>); see docs/benchmarks.md.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args is ["serve-load", ..])
        {
            return ServeLoad.Run(args);
        }

        if (args is ["canary-simulation", ..])
        {
            return CanarySimulation.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
