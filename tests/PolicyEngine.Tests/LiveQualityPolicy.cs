namespace PolicyEngine.Tests;

/// <summary>Quality floors on the live layer: labels on live traffic, read from the request telemetry.</summary>
[GuardrailPolicy("live-quality", Owner = "tests@contoso.example")]
public static partial class LiveQualityPolicy
{
    /// <summary>Billing answers on live traffic stay at least 90 % accurate.</summary>
    [QualityFloor("accuracy", BenchmarkLayer.Live, Slice = "billing", Min = 0.9)]
    public static partial Guardrail LiveAccuracy { get; }

    /// <summary>Live answers hallucinate no more than the baseline's plus two points.</summary>
    [QualityFloor("hallucination_rate", BenchmarkLayer.Live, MaxRegression = 0.02)]
    public static partial Guardrail LiveHallucination { get; }
}
