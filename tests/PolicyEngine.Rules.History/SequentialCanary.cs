namespace PolicyEngine.Rules.History;

/// <summary>
/// The sample's canary error threshold judged by a confidence sequence (rolled back or promoted as soon as the
/// sequence shows which), beside a budget checked at every measurement as the rest of the pack.
/// </summary>
[GuardrailPolicy("sequential-canary", Owner = "tests@contoso.example")]
public static partial class SequentialCanary
{
    /// <summary>
    /// Roll back when the canary's error rate rises more than 10 % over the baseline's, shown with 95 % confidence at
    /// every look; promote once it is shown within, after 500 requests and five minutes. The canary takes about a
    /// tenth of the traffic, so the sequence is tuned to ten baseline requests for each of its own.
    /// </summary>
    [RollbackThreshold("error_rate", MaxRelativeIncrease = 0.10, MinSamples = 500, Sequential = true, Measurements = 30, MeasurementIntervalSeconds = 60, MinDurationSeconds = 300, BaselineRatio = 10)]
    public static partial Guardrail ErrorRate { get; }

    /// <summary>Interactive answers stay inside the 500 ms P95 SLA at every measurement.</summary>
    [LatencyBudget(Percentile = 95, MaxMilliseconds = 500, Slice = "interactive", Stages = Stages.Canary)]
    public static partial Guardrail InteractiveP95 { get; }
}
