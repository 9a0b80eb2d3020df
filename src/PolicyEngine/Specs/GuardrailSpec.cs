namespace PolicyEngine.Specs;

/// <summary>
/// What one guardrail demands, as typed values: the generator writes one per guardrail (by property name,
/// never by position) and the guardrail's check takes it. One subtype per <see cref="GuardrailKind"/>.
/// </summary>
public abstract record GuardrailSpec
{
    /// <summary>The slice judged: <see cref="Slices.All"/> for the whole traffic, <c>*</c> for every candidate slice.</summary>
    public string Slice { get; init; } = Slices.All;
}

/// <summary>A latency budget: a percentile of request latency or time to first token stays under a ceiling.</summary>
public sealed record LatencyBudgetSpec : GuardrailSpec
{
    /// <summary>Request latency or time to first token.</summary>
    public LatencyMeasure Measure { get; init; }

    /// <summary>The percentile, 0–100 exclusive.</summary>
    public required double Percentile { get; init; }

    /// <summary>The budget in milliseconds.</summary>
    public required double MaxMilliseconds { get; init; }
}

/// <summary>A cost ceiling.</summary>
public sealed record CostCeilingSpec : GuardrailSpec
{
    /// <summary>The cost figure.</summary>
    public required CostMetric Metric { get; init; }

    /// <summary>The ceiling, in the figure's units.</summary>
    public required double Max { get; init; }
}

/// <summary>A quality floor (or ceiling, or regression limit) on one benchmark layer.</summary>
public sealed record QualityFloorSpec : GuardrailSpec
{
    /// <summary>The quality metric, e.g. <c>accuracy</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>Whether a higher value is better.</summary>
    public required bool HigherIsBetter { get; init; }

    /// <summary>The benchmark layer read.</summary>
    public required BenchmarkLayer Layer { get; init; }

    /// <summary>Which bound <see cref="Limit"/> is.</summary>
    public required Evaluation.QualityBound Bound { get; init; }

    /// <summary>The bound.</summary>
    public required double Limit { get; init; }
}

/// <summary>A rollback threshold: a telemetry figure of the candidate against the baseline (or its history).</summary>
public sealed record RollbackThresholdSpec : GuardrailSpec
{
    /// <summary>The figure compared.</summary>
    public required TelemetryMetric Metric { get; init; }

    /// <summary>The change limited, in the metric's bad direction.</summary>
    public required Evaluation.ChangeLimit Change { get; init; }

    /// <summary>The limit (a fraction for a relative change).</summary>
    public required double Limit { get; init; }

    /// <summary>Fewest samples each side.</summary>
    public required int MinSamples { get; init; }

    /// <summary>For a whole distribution (<c>latency</c>, <c>ttft</c>): how it is ranked; else null.</summary>
    public DistributionSpec? Distribution { get; init; }

    /// <summary>When it compares with past passed decisions instead of the baseline; else null.</summary>
    public HistorySpec? History { get; init; }

    /// <summary>When it is judged by an anytime-valid confidence sequence (docs/canary.md); else null.</summary>
    public SequentialSpec? Sequential { get; init; }
}

/// <summary>How a sequential rollback threshold judges: the sequence's confidence and the least time before an early promotion.</summary>
public sealed record SequentialSpec
{
    /// <summary>The coverage of each bound of the confidence sequence, at every look at once: each decision errs with at most 1 − this.</summary>
    public required double Confidence { get; init; }

    /// <summary>The least time a canary is watched before its band decides a promotion; 0 for none.</summary>
    public int MinDurationSeconds { get; init; }

    /// <summary>
    /// The baseline's samples per candidate sample the rollout expects (9 for a canary on a tenth of the traffic against
    /// the rest; 1, the default, for arms of one size): the sequence is tuned to it, never made valid or invalid by it.
    /// </summary>
    public double BaselineRatio { get; init; } = 1;

    /// <summary>The least <see cref="BaselineRatio"/> a threshold may declare.</summary>
    public const double LeastBaselineRatio = 0.001;

    /// <summary>The most <see cref="BaselineRatio"/> a threshold may declare.</summary>
    public const double MostBaselineRatio = 1000;
}

/// <summary>How a distribution threshold ranks its samples (docs/canary.md).</summary>
public sealed record DistributionSpec
{
    /// <summary>The limit on an increase, or null.</summary>
    public Evaluation.ShiftLimit? Increase { get; init; }

    /// <summary>The limit on a decrease, or null.</summary>
    public Evaluation.ShiftLimit? Decrease { get; init; }

    /// <summary>1 − the test's significance level, and the confidence of the shift's interval.</summary>
    public required double Confidence { get; init; }

    /// <summary>What samples that are not numbers mean.</summary>
    public NaNPolicy WhenNaN { get; init; }
}

/// <summary>A comparison with the last passed decisions on earlier versions.</summary>
public sealed record HistorySpec
{
    /// <summary>How many passed decisions.</summary>
    public required int Count { get; init; }

    /// <summary>The percentile of their values to compare with; null for their mean.</summary>
    public double? Percentile { get; init; }
}

/// <summary>A compliance gate: evidence of a kind for the candidate.</summary>
public sealed record ComplianceGateSpec : GuardrailSpec
{
    /// <summary>The evidence kind, e.g. <c>pii-review</c>.</summary>
    public required string EvidenceKind { get; init; }

    /// <summary>The oldest evidence accepted, in days; 0 for any age.</summary>
    public int MaxAgeDays { get; init; }

    /// <summary>Whether the evidence must carry a valid, trusted signature.</summary>
    public bool RequireSignature { get; init; }
}

/// <summary>A probe budget: the ONNX probe's measurement at one batch size.</summary>
public sealed record ProbeBudgetSpec : GuardrailSpec
{
    /// <summary>The batch size measured.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The execution provider required, or <see cref="ExecutionProvider.Any"/>.</summary>
    public ExecutionProvider Provider { get; init; }

    /// <summary>What <see cref="Threshold"/> limits.</summary>
    public required Evaluation.ProbeLimit Limit { get; init; }

    /// <summary>The latency percentile, for <see cref="Evaluation.ProbeLimit.MaxLatency"/>.</summary>
    public double Percentile { get; init; } = 95;

    /// <summary>The limit.</summary>
    public double Threshold { get; init; }
}

/// <summary>A throughput floor: output tokens per GPU-second on a slice.</summary>
public sealed record ThroughputFloorSpec : GuardrailSpec
{
    /// <summary>The fewest output tokens per GPU-second accepted.</summary>
    public required double MinTokensPerGpuSecond { get; init; }
}

/// <summary>A breadth-of-gain guardrail: the candidate beats the baseline on enough slices.</summary>
public sealed record GainBreadthSpec : GuardrailSpec
{
    /// <summary>The quality metric, e.g. <c>accuracy</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>Whether a higher value is better.</summary>
    public required bool HigherIsBetter { get; init; }

    /// <summary>The benchmark layer read.</summary>
    public required BenchmarkLayer Layer { get; init; }

    /// <summary>The smallest move in the good direction that counts as a gain.</summary>
    public double MinMargin { get; init; }

    /// <summary>The fewest slices that must gain; 0 when only <see cref="MinShare"/> is set.</summary>
    public int MinSlices { get; init; }

    /// <summary>The smallest share of measured slices that must gain; null when only <see cref="MinSlices"/> is set.</summary>
    public double? MinShare { get; init; }
}

/// <summary>A benchmark-coverage guardrail: the evaluation report holds every required layer.</summary>
public sealed record BenchmarkCoverageSpec : GuardrailSpec
{
    /// <summary>The layers required, in enum order.</summary>
    public required IReadOnlyList<BenchmarkLayer> Layers { get; init; }
}

/// <summary>A custom guardrail: a predicate in the policy class.</summary>
public sealed record CustomSpec : GuardrailSpec
{
    /// <summary>The predicate method's name.</summary>
    public required string Method { get; init; }
}
