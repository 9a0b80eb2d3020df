namespace PolicyEngine.Rules.Standard;

/// <summary>
/// The live scorecard every release answers to, whatever lever it pulls: token latency (P95 and time to first
/// token), cost per query and per correct answer, errors, hallucination and calibration on live traffic, quality on
/// the business slices, and — before a full rollout — every layer of the benchmark stack (docs/standard-pack.md).
/// </summary>
[GuardrailPolicy("scorecard", Owner = "ml-platform@contoso.example")]
public static partial class Scorecard
{
    /// <summary>P95 request latency under 500 ms: the interactive target teams write down most often; above it users wait.</summary>
    [LatencyBudget(Percentile = 95, MaxMilliseconds = 500)]
    public static partial Guardrail P95Latency { get; }

    /// <summary>P95 time to first token under 300 ms, a warning: streaming answers feel slow long before they are.</summary>
    [LatencyBudget(Percentile = 95, MaxMilliseconds = 300, Measure = LatencyMeasure.TimeToFirstToken, Severity = Severity.Warn)]
    public static partial Guardrail P95TimeToFirstToken { get; }

    /// <summary>Under a cent per query ($10 per 1,000 requests): the serving budget most products can carry.</summary>
    [CostCeiling(CostMetric.UsdPer1kRequests, Max = 10)]
    public static partial Guardrail CostPerQuery { get; }

    /// <summary>Cost per successful task under 1.25 cents: a cent a query at 80 % accuracy. Cheap wrong answers are not cheap.</summary>
    [CostCeiling(CostMetric.UsdPerCorrectAnswer, Max = 0.0125)]
    public static partial Guardrail CostPerCorrectAnswer { get; }

    /// <summary>The canary's error rate may rise by at most one point over the baseline's before it is rolled back.</summary>
    [RollbackThreshold("error_rate", MaxAbsoluteIncrease = 0.01, MinSamples = 200)]
    public static partial Guardrail ErrorRate { get; }

    /// <summary>Live answers hallucinate at most one point more often than the baseline's.</summary>
    [QualityFloor("hallucination_rate", BenchmarkLayer.Live, MaxRegression = 0.01, Stages = Stages.Canary | Stages.Full)]
    public static partial Guardrail LiveHallucination { get; }

    /// <summary>Live confidence means what it says: expected calibration error at most 0.1, a warning.</summary>
    [QualityFloor("calibration_error", BenchmarkLayer.Live, Max = 0.1, Stages = Stages.Canary | Stages.Full, Severity = Severity.Warn)]
    public static partial Guardrail LiveCalibration { get; }

    /// <summary>Accuracy on the business slices as a whole falls at most two points below the baseline's: an average can hide a lot, but not a collapse.</summary>
    [QualityFloor("accuracy", BenchmarkLayer.Business, MaxRegression = 0.02, Stages = Stages.Offline | Stages.Full)]
    public static partial Guardrail BusinessAccuracy { get; }

    /// <summary>No full rollout without every layer of the benchmark stack: academic, production-like offline, adversarial and business slices.</summary>
    [BenchmarkCoverage(Stages = Stages.Full)]
    public static partial Guardrail BenchmarkStack { get; }
}
