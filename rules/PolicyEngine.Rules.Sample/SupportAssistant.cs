namespace PolicyEngine.Rules.Sample;

/// <summary>Guardrails for the support-assistant model family: the sample the quick start gates on.</summary>
/// <remarks>
/// The canary's rollback thresholds are scored: latency counts twice as much as errors, 90 of 100 passes, 60 is
/// marginal (hold for more data); a rise in errors rolls back on its own (critical).
/// </remarks>
[GuardrailPolicy("support-assistant", Owner = "ml-platform@contoso.example", ScorePass = 90, ScoreMarginal = 60)]
[MetricGroup("errors", Weight = 1)]
[MetricGroup("latency", Weight = 2)]
public static partial class SupportAssistant
{
    /// <summary>Interactive answers stay inside the product's 500 ms P95 SLA.</summary>
    [LatencyBudget(Percentile = 95, MaxMilliseconds = 500, Slice = "interactive")]
    public static partial Guardrail InteractiveP95 { get; }

    /// <summary>The first token reaches an interactive user within 200 ms for 99 % of requests; slower feels broken.</summary>
    [LatencyBudget(Percentile = 99, MaxMilliseconds = 200, Measure = LatencyMeasure.TimeToFirstToken, Slice = "interactive", Severity = Severity.Warn)]
    public static partial Guardrail InteractiveTtftP99 { get; }

    /// <summary>Serving cost per correct answer stays under one cent: a bigger model must pay for itself in accuracy.</summary>
    [CostCeiling(CostMetric.UsdPerCorrectAnswer, Max = 0.01)]
    public static partial Guardrail CostPerCorrectAnswer { get; }

    /// <summary>Billing questions are answered correctly at least 90 % of the time in the business evaluation.</summary>
    [QualityFloor("accuracy", BenchmarkLayer.Business, Slice = "billing", Min = 0.90)]
    public static partial Guardrail BillingAccuracy { get; }

    /// <summary>Curated data may not cost more than one point of accuracy on the production-like offline set.</summary>
    [QualityFloor("accuracy", BenchmarkLayer.ProductionOffline, MaxRegression = 0.01)]
    public static partial Guardrail OfflineAccuracyRegression { get; }

    /// <summary>The red-team suite finds hallucinations in at most 2 % of adversarial prompts.</summary>
    [QualityFloor("hallucination_rate", BenchmarkLayer.Adversarial, Max = 0.02)]
    public static partial Guardrail AdversarialHallucinations { get; }

    /// <summary>Roll back when the canary's error rate rises more than 10 % over the baseline.</summary>
    [RollbackThreshold("error_rate", MaxRelativeIncrease = 0.10, MinSamples = 500, Group = "errors", Critical = true)]
    public static partial Guardrail ErrorRateRegression { get; }

    /// <summary>
    /// Roll back when the canary's whole latency distribution shifts up by more than 15 % of the baseline's median:
    /// a shift the P95 alone can hide.
    /// </summary>
    [RollbackThreshold("latency", MaxRelativeIncrease = 0.15, MinSamples = 20, Group = "latency")]
    public static partial Guardrail LatencyShift { get; }

    /// <summary>The canary's P95 latency stays within 20 % of the baseline's.</summary>
    [RollbackThreshold("latency_p95", MaxRelativeIncrease = 0.20, MinSamples = 500, Group = "latency")]
    public static partial Guardrail P95Regression { get; }

    /// <summary>No release without a signed PII review younger than 90 days.</summary>
    [ComplianceGate("pii-review", MaxAgeDays = 90, RequireSignature = true)]
    public static partial Guardrail PiiReview { get; }

    /// <summary>The red team signs off every version before it ships.</summary>
    [ComplianceGate("red-team", RequireSignature = true, Stages = Stages.Canary | Stages.Full)]
    public static partial Guardrail RedTeamSignOff { get; }

    /// <summary>On the serving GPU a single request's forward pass stays under 20 ms at P95.</summary>
    [ProbeBudget(BatchSize = 1, Percentile = 95, MaxMilliseconds = 20, RequireProvider = ExecutionProvider.Cuda, Stages = Stages.Offline)]
    public static partial Guardrail ProbeLatency { get; }

    /// <summary>A quantized or distilled candidate agrees with its teacher on at least 98 % of argmax outputs.</summary>
    [ProbeBudget(BatchSize = 1, MinAgreement = 0.98, Stages = Stages.Offline)]
    public static partial Guardrail ProbeAgreement { get; }

    /// <summary>Accuracy may not drop more than one point on any slice of live traffic; a slice without labels fails.</summary>
    [Guardrail(Stages = Stages.Canary | Stages.Full)]
    public static bool NoSliceRegression(SliceMetrics candidate, [Baseline] SliceMetrics baseline) =>
        candidate.Accuracy >= baseline.Accuracy - 0.01;
}
