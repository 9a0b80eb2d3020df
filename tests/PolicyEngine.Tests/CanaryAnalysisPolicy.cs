namespace PolicyEngine.Tests;

/// <summary>Rollback thresholds over whole distributions, and over the history of passed decisions.</summary>
[GuardrailPolicy("distributions", Owner = "tests@contoso.example")]
public static partial class DistributionPolicy
{
    /// <summary>Latency may not shift up by more than 10 % of the baseline's median; any drop is fine.</summary>
    [RollbackThreshold("latency", MaxRelativeIncrease = 0.10, MinSamples = 20)]
    public static partial Guardrail LatencyShift { get; }

    /// <summary>TTFT may rise 5 ms at most and may not drop more than 10 %: a drop that large means requests are cut short.</summary>
    [RollbackThreshold("ttft", MaxAbsoluteIncrease = 5, MaxRelativeDecrease = 0.10, MinSamples = 20, WhenNaN = NaNPolicy.Fail)]
    public static partial Guardrail TtftShift { get; }

    /// <summary>P95 latency stays within 10 % of the mean of the last three passed releases.</summary>
    [RollbackThreshold("latency_p95", MaxRelativeIncrease = 0.10, MinSamples = 10, HistoryCount = 3)]
    public static partial Guardrail P95AgainstHistory { get; }

    /// <summary>Error rate stays within one point of the median of the last three passed releases.</summary>
    [RollbackThreshold("error_rate", MaxAbsoluteIncrease = 0.01, MinSamples = 10, HistoryCount = 3, HistoryPercentile = 50)]
    public static partial Guardrail ErrorsAgainstHistory { get; }
}

/// <summary>A scored canary: latency weighs three times errors; accuracy is critical.</summary>
[GuardrailPolicy("scored", Owner = "tests@contoso.example", ScorePass = 90, ScoreMarginal = 60)]
[MetricGroup("latency", Weight = 3)]
[MetricGroup("quality", Weight = 1)]
public static partial class ScoredPolicy
{
    /// <summary>P50 latency within 10 %.</summary>
    [RollbackThreshold("latency_p50", MaxRelativeIncrease = 0.10, MinSamples = 10, Group = "latency")]
    public static partial Guardrail P50 { get; }

    /// <summary>P95 latency within 10 %.</summary>
    [RollbackThreshold("latency_p95", MaxRelativeIncrease = 0.10, MinSamples = 10, Group = "latency")]
    public static partial Guardrail P95 { get; }

    /// <summary>Error rate within half a point.</summary>
    [RollbackThreshold("error_rate", MaxAbsoluteIncrease = 0.005, MinSamples = 10, Group = "quality")]
    public static partial Guardrail Errors { get; }

    /// <summary>Accuracy may not drop two points, whatever the score.</summary>
    [RollbackThreshold("accuracy", MaxAbsoluteDecrease = 0.02, MinSamples = 10, Group = "quality", Critical = true)]
    public static partial Guardrail Accuracy { get; }
}
