namespace PolicyEngine.Specs;

/// <summary>A telemetry figure a rollback threshold compares, candidate against baseline or history.</summary>
public enum TelemetryMetric
{
    /// <summary><c>error_rate</c>: errored requests ÷ requests.</summary>
    ErrorRate = 0,

    /// <summary><c>accuracy</c>: correct ÷ labeled requests.</summary>
    Accuracy = 1,

    /// <summary><c>hallucination_rate</c>: hallucinated ÷ labeled requests.</summary>
    HallucinationRate = 2,

    /// <summary><c>tokens_per_second</c>: output tokens ÷ latency.</summary>
    TokensPerSecond = 3,

    /// <summary><c>usd_per_1m_tokens</c>.</summary>
    UsdPer1MTokens = 4,

    /// <summary><c>usd_per_1k_requests</c>.</summary>
    UsdPer1kRequests = 5,

    /// <summary><c>usd_per_correct_answer</c>.</summary>
    UsdPerCorrectAnswer = 6,

    /// <summary><c>latency_p50</c>.</summary>
    LatencyP50 = 7,

    /// <summary><c>latency_p90</c>.</summary>
    LatencyP90 = 8,

    /// <summary><c>latency_p95</c>.</summary>
    LatencyP95 = 9,

    /// <summary><c>latency_p99</c>.</summary>
    LatencyP99 = 10,

    /// <summary><c>ttft_p50</c>.</summary>
    TtftP50 = 11,

    /// <summary><c>ttft_p90</c>.</summary>
    TtftP90 = 12,

    /// <summary><c>ttft_p95</c>.</summary>
    TtftP95 = 13,

    /// <summary><c>ttft_p99</c>.</summary>
    TtftP99 = 14,

    /// <summary><c>latency</c>: the whole request-latency distribution, ranked (raw samples).</summary>
    Latency = 15,

    /// <summary><c>ttft</c>: the whole time-to-first-token distribution, ranked (raw samples).</summary>
    Ttft = 16,

    /// <summary><c>calibration_error</c>: expected calibration error of the <c>confidence</c> column against the <c>correct</c> labels (binned).</summary>
    CalibrationError = 17,

    /// <summary><c>tokens_per_gpu_second</c>: output tokens ÷ GPU-seconds, the throughput one GPU gives.</summary>
    TokensPerGpuSecond = 18,
}
