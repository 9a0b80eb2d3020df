namespace PolicyEngine;

/// <summary>A telemetry measure kept as raw samples, for a rollback threshold that compares whole distributions or judges by a confidence sequence.</summary>
public enum SampledMetric
{
    /// <summary>Request latency in milliseconds (<c>latency_ms</c>).</summary>
    Latency = 0,

    /// <summary>Time to first token in milliseconds (<c>ttft_ms</c>).</summary>
    Ttft = 1,

    /// <summary>A request's cost in US dollars (<c>cost_usd</c>), for a sequential <c>usd_per_1k_requests</c> threshold.</summary>
    Cost = 2,
}
