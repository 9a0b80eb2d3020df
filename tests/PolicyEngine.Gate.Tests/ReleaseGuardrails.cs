namespace PolicyEngine.Gate.Tests;

/// <summary>Full-rollout guardrails that need more than aggregates: a latency distribution and a history of passed releases.</summary>
[GuardrailPolicy("release", Owner = "tests@contoso.example")]
public static partial class ReleaseGuardrails
{
    /// <summary>Latency may not shift up by more than 10 % of the baseline's median.</summary>
    [RollbackThreshold("latency", MaxRelativeIncrease = 0.10, MinSamples = 30, Stages = Stages.Full)]
    public static partial Guardrail LatencyShift { get; }

    /// <summary>P95 latency within 10 % of the mean of the last two passed releases; a warning while the history fills.</summary>
    [RollbackThreshold("latency_p95", MaxRelativeIncrease = 0.10, MinSamples = 30, HistoryCount = 2, Stages = Stages.Full, Severity = Severity.Warn)]
    public static partial Guardrail P95AgainstHistory { get; }
}
