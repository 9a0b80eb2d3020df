namespace PolicyEngine.Rules.History;

/// <summary>A canary judged by a confidence sequence: rolled back or promoted as soon as the sequence shows which.</summary>
[GuardrailPolicy("sequential-canary", Owner = "tests@contoso.example")]
public static partial class SequentialCanary
{
    /// <summary>The canary's error rate may rise by at most one point, shown with 95 % confidence at every look.</summary>
    [RollbackThreshold("error_rate", MaxAbsoluteIncrease = 0.01, MinSamples = 500, Sequential = true, Measurements = 5, MeasurementIntervalSeconds = 0)]
    public static partial Guardrail ErrorRate { get; }
}
