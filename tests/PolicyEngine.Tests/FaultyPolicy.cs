namespace PolicyEngine.Tests;

/// <summary>Guardrails written to go wrong, to show that faults never pass.</summary>
[GuardrailPolicy("faulty", Owner = "tests@contoso.example")]
public static partial class FaultyPolicy
{
    /// <summary>Throws whenever it is asked.</summary>
    [Guardrail]
    public static bool Throws(SliceMetrics candidate) =>
        candidate.Requests >= 0 ? throw new InvalidOperationException("boom") : true;

    /// <summary>P95 under 100 ms.</summary>
    [LatencyBudget(MaxMilliseconds = 100)]
    public static partial Guardrail P95 { get; }

    /// <summary>Accuracy of at least 0.9 on the business layer, failing when unmeasured.</summary>
    [QualityFloor("accuracy", BenchmarkLayer.Business, Min = 0.9, WhenMissing = MissingData.Fail)]
    public static partial Guardrail Accuracy { get; }
}
