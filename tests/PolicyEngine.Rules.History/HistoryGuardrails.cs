namespace PolicyEngine.Rules.History;

/// <summary>A release's P95 latency against the releases before it: a guardrail that needs the shared history.</summary>
[GuardrailPolicy("history", Owner = "tests@contoso.example")]
public static partial class HistoryGuardrails
{
    /// <summary>P95 latency within 10 % of the last passed release's; a warning while there is none.</summary>
    [RollbackThreshold("latency_p95", MaxRelativeIncrease = 0.10, MinSamples = 30, HistoryCount = 1, Stages = Stages.Full, Severity = Severity.Warn)]
    public static partial Guardrail P95AgainstHistory { get; }
}
