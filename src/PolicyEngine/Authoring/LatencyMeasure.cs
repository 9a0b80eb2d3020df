namespace PolicyEngine;

/// <summary>Which latency a latency budget limits.</summary>
public enum LatencyMeasure
{
    /// <summary>End-to-end request latency (<c>latency_ms</c>).</summary>
    Request = 0,

    /// <summary>Time to first token (<c>ttft_ms</c>).</summary>
    TimeToFirstToken = 1,
}
