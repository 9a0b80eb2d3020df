namespace PolicyEngine;

/// <summary>A telemetry measure kept as raw samples, for a rollback threshold that compares whole distributions.</summary>
public enum SampledMetric
{
    /// <summary>Request latency in milliseconds (<c>latency_ms</c>).</summary>
    Latency = 0,

    /// <summary>Time to first token in milliseconds (<c>ttft_ms</c>).</summary>
    Ttft = 1,
}
