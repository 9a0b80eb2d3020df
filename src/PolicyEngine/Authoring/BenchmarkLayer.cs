namespace PolicyEngine;

/// <summary>The layers of the benchmark stack a quality metric comes from.</summary>
public enum BenchmarkLayer
{
    /// <summary>Public academic benchmarks.</summary>
    Academic = 0,

    /// <summary>Offline evaluation on production-like data.</summary>
    ProductionOffline = 1,

    /// <summary>Adversarial and red-team suites.</summary>
    Adversarial = 2,

    /// <summary>Business-critical slices.</summary>
    Business = 3,

    /// <summary>Labels on live traffic, aggregated from request telemetry.</summary>
    Live = 4,
}
