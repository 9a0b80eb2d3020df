namespace PolicyEngine;

/// <summary>Request telemetry of one role on one slice, aggregated. Null figures were not measurable (no such column, no labeled rows).</summary>
public sealed record SliceMetrics : ISliceFact
{
    /// <inheritdoc/>
    public required Role Role { get; init; }

    /// <inheritdoc/>
    public required string Slice { get; init; }

    /// <summary>Requests seen.</summary>
    public required long Requests { get; init; }

    /// <summary>Request latency percentiles, in milliseconds.</summary>
    public Percentiles Latency { get; init; } = Percentiles.None;

    /// <summary>Time-to-first-token percentiles, in milliseconds.</summary>
    public Percentiles Ttft { get; init; } = Percentiles.None;

    /// <summary>Share of requests that errored.</summary>
    public double? ErrorRate { get; init; }

    /// <summary>Requests with a correctness label.</summary>
    public long LabeledRequests { get; init; }

    /// <summary>Share of labeled requests answered correctly.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Share of labeled requests with a hallucination.</summary>
    public double? HallucinationRate { get; init; }

    /// <summary>Output tokens per second of request latency.</summary>
    public double? TokensPerSecond { get; init; }

    /// <summary>USD per one million input plus output tokens.</summary>
    public double? UsdPer1MTokens { get; init; }

    /// <summary>USD per one thousand requests.</summary>
    public double? UsdPer1kRequests { get; init; }

    /// <summary>(Total cost ÷ requests) ÷ accuracy.</summary>
    public double? UsdPerCorrectAnswer { get; init; }

    /// <summary>Requests with both a confidence and a correctness label: what <see cref="CalibrationError"/> rests on.</summary>
    public long CalibratedRequests { get; init; }

    /// <summary>
    /// Expected calibration error: the requests binned by confidence into equal-width bins, the gap between each
    /// bin's accuracy and its mean confidence weighted by its share of requests (docs/inputs.md).
    /// </summary>
    public double? CalibrationError { get; init; }

    /// <summary>Output tokens per GPU-second: the throughput one GPU gives.</summary>
    public double? TokensPerGpuSecond { get; init; }
}
