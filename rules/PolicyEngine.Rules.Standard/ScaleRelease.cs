namespace PolicyEngine.Rules.Standard;

/// <summary>
/// What a bigger model must show (scale and hybrid releases): gains that are broad rather than confined to one
/// slice, serving economics that do not run away from the baseline's, and the safety review larger models need.
/// </summary>
[GuardrailPolicy("scale", Owner = "ml-platform@contoso.example")]
public static partial class ScaleRelease
{
    /// <summary>Scale only when the gain shows on many slices, not one: at least a point of accuracy on 60 % of the business slices.</summary>
    [GainBreadth("accuracy", BenchmarkLayer.Business, MinMargin = 0.01, MinShare = 0.6, Stages = Stages.Offline | Stages.Full, Levers = Levers.Scale | Levers.Hybrid)]
    public static partial Guardrail BroadGain { get; }

    /// <summary>A gain that doubles the cost of each correct answer is a poor investment: at most 50 % more per correct answer than the baseline.</summary>
    [RollbackThreshold("usd_per_correct_answer", MaxRelativeIncrease = 0.5, MinSamples = 200, Stages = Stages.Canary | Stages.Full, Levers = Levers.Scale | Levers.Hybrid)]
    public static partial Guardrail CostPerCorrectAnswerGrowth { get; }

    /// <summary>Larger models deepen the need for review: a signed safety review of this version, at most 90 days old.</summary>
    [ComplianceGate("safety-review", MaxAgeDays = 90, RequireSignature = true, Stages = Stages.Canary | Stages.Full, Levers = Levers.Scale | Levers.Hybrid)]
    public static partial Guardrail SafetyReview { get; }
}
