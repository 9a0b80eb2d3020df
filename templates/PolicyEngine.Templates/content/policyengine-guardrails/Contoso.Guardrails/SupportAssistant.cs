using PolicyEngine;

namespace Contoso.Guardrails;

/// <summary>Guardrails for the support-assistant model family: a starter pack to make your own.</summary>
/// <remarks>
/// Each guardrail's summary is its rationale: it appears in every finding, decision record and the rule docs.
/// Every kind, its options and what missing data means: the PolicyEngine authoring guide.
/// </remarks>
[GuardrailPolicy("support-assistant", Owner = "ml-platform@contoso.example")]
public static partial class SupportAssistant
{
    /// <summary>Interactive answers stay inside the product's 500 ms P95 SLA.</summary>
    [LatencyBudget(Percentile = 95, MaxMilliseconds = 500, Slice = "interactive")]
    public static partial Guardrail InteractiveP95 { get; }

    /// <summary>Serving cost per correct answer stays under one cent: a bigger model must pay for itself in accuracy.</summary>
    [CostCeiling(CostMetric.UsdPerCorrectAnswer, Max = 0.01)]
    public static partial Guardrail CostPerCorrectAnswer { get; }

    /// <summary>Billing questions are answered correctly at least 90 % of the time in the business evaluation.</summary>
    [QualityFloor("accuracy", BenchmarkLayer.Business, Slice = "billing", Min = 0.90)]
    public static partial Guardrail BillingAccuracy { get; }

    /// <summary>Curated data may not cost more than one point of accuracy on the production-like offline set.</summary>
    [QualityFloor("accuracy", BenchmarkLayer.ProductionOffline, MaxRegression = 0.01)]
    public static partial Guardrail OfflineAccuracyRegression { get; }

    /// <summary>Roll back when the canary's error rate rises more than 10 % over the baseline.</summary>
    [RollbackThreshold("error_rate", MaxRelativeIncrease = 0.10, MinSamples = 500, Critical = true)]
    public static partial Guardrail ErrorRateRegression { get; }

    /// <summary>No release without a signed PII review younger than 90 days.</summary>
    [ComplianceGate("pii-review", MaxAgeDays = 90, RequireSignature = true)]
    public static partial Guardrail PiiReview { get; }
}
