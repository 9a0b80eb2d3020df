namespace PolicyEngine.Tests;

/// <summary>Rollback thresholds judged by confidence sequences.</summary>
[GuardrailPolicy("sequential", Owner = "tests@contoso.example")]
public static partial class SequentialPolicy
{
    /// <summary>The error rate may rise by at most one point, shown with 95 % confidence at every look.</summary>
    [RollbackThreshold("error_rate", MaxAbsoluteIncrease = 0.01, MinSamples = 200, Sequential = true, Measurements = 50, MeasurementIntervalSeconds = 0)]
    public static partial Guardrail Errors { get; }

    /// <summary>The same limit on a canary that takes a tenth of the traffic, its baseline the rest: nine baseline requests to one.</summary>
    [RollbackThreshold("error_rate", MaxAbsoluteIncrease = 0.01, MinSamples = 200, Slice = "tenth", Sequential = true, BaselineRatio = 9, Measurements = 50, MeasurementIntervalSeconds = 0)]
    public static partial Guardrail TenthErrors { get; }

    /// <summary>Typical latency may rise by at most 5 %.</summary>
    [RollbackThreshold("latency", MaxRelativeIncrease = 0.05, MinSamples = 200, Sequential = true, Confidence = 0.9, Measurements = 50, MeasurementIntervalSeconds = 60, MinDurationSeconds = 300)]
    public static partial Guardrail Latency { get; }

    /// <summary>Time to first token may rise by at most 5 %, and a sample that is not a number fails it.</summary>
    [RollbackThreshold("ttft", MaxRelativeIncrease = 0.05, MinSamples = 200, Sequential = true, WhenNaN = NaNPolicy.Fail, Measurements = 50, MeasurementIntervalSeconds = 0)]
    public static partial Guardrail StrictTtft { get; }

    /// <summary>The cost of 1,000 requests may rise by at most 10 %, bounded from each request's cost.</summary>
    [RollbackThreshold("usd_per_1k_requests", MaxRelativeIncrease = 0.10, MinSamples = 200, Sequential = true, Measurements = 50, MeasurementIntervalSeconds = 0)]
    public static partial Guardrail Cost { get; }

    /// <summary>The cost of 1,000 requests may rise by at most 50 cents, on the interactive slice.</summary>
    [RollbackThreshold("usd_per_1k_requests", MaxAbsoluteIncrease = 0.5, MinSamples = 200, Slice = "interactive", Sequential = true, Measurements = 50, MeasurementIntervalSeconds = 0)]
    public static partial Guardrail InteractiveCost { get; }

    /// <summary>The P95 latency may rise by at most 10 %, bounded from the raw samples.</summary>
    [RollbackThreshold("latency_p95", MaxRelativeIncrease = 0.10, MinSamples = 200, Sequential = true, Measurements = 50, MeasurementIntervalSeconds = 0)]
    public static partial Guardrail P95 { get; }
}
