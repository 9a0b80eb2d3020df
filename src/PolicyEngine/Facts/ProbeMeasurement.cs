namespace PolicyEngine;

/// <summary>The ONNX probe's measurement of the candidate model at one batch size.</summary>
public sealed record ProbeMeasurement : IFact
{
    /// <summary>The batch size.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The provider the model actually ran on.</summary>
    public required ExecutionProvider Provider { get; init; }

    /// <summary>Median latency per batch, in milliseconds.</summary>
    public required double P50Milliseconds { get; init; }

    /// <summary>95th percentile latency per batch, in milliseconds.</summary>
    public required double P95Milliseconds { get; init; }

    /// <summary>99th percentile latency per batch, in milliseconds.</summary>
    public required double P99Milliseconds { get; init; }

    /// <summary>Items per second.</summary>
    public required double Throughput { get; init; }

    /// <summary>Argmax agreement with the baseline model, 0–1, when a baseline was probed.</summary>
    public double? Agreement { get; init; }

    /// <summary>USD per one thousand inferences, when a GPU price was given.</summary>
    public double? UsdPer1kInferences { get; init; }

    /// <summary>False when the probe was stopped before it finished; an incomplete measurement decides nothing.</summary>
    public bool Complete { get; init; } = true;
}
