namespace PolicyEngine.Gate.Tests;

/// <summary>A canary policy: an error-rate threshold measured on its own terms, and a latency budget left to the watch.</summary>
[GuardrailPolicy("canary", Owner = "tests@contoso.example")]
public static partial class CanaryGuardrails
{
    /// <summary>Errors may not rise more than 10 %; three measurements, one failure tolerated.</summary>
    [RollbackThreshold("error_rate", MaxRelativeIncrease = 0.10, MinSamples = 50, Measurements = 3, MeasurementIntervalSeconds = 0, FailureLimit = 1)]
    public static partial Guardrail ErrorRate { get; }

    /// <summary>Accuracy holds offline; declared measurement, but no canary series: it does not apply there.</summary>
    [RollbackThreshold("accuracy", MaxAbsoluteDecrease = 0.01, Stages = Stages.Offline, Measurements = 2, MeasurementIntervalSeconds = 0)]
    public static partial Guardrail OfflineAccuracy { get; }

    /// <summary>P95 latency stays under 500 ms.</summary>
    [LatencyBudget(Percentile = 95, MaxMilliseconds = 500, Stages = Stages.Canary)]
    public static partial Guardrail Latency { get; }
}
