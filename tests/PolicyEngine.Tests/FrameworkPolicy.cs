namespace PolicyEngine.Tests;

/// <summary>The decision framework's own targets: calibration, throughput per GPU, broad gains, the benchmark stack, levers.</summary>
[GuardrailPolicy("framework", Owner = "tests@contoso.example")]
public static partial class FrameworkPolicy
{
    /// <summary>Live confidence means what it says: expected calibration error at most 5 points.</summary>
    [QualityFloor("calibration_error", BenchmarkLayer.Live, Max = 0.05)]
    public static partial Guardrail Calibrated { get; }

    /// <summary>The candidate's calibration does not drift from the baseline's by more than two points.</summary>
    [RollbackThreshold("calibration_error", MaxAbsoluteIncrease = 0.02, MinSamples = 100)]
    public static partial Guardrail CalibrationDrift { get; }

    /// <summary>One GPU sustains at least 1,000 output tokens a second.</summary>
    [ThroughputFloor(MinTokensPerGpuSecond = 1000)]
    public static partial Guardrail GpuThroughput { get; }

    /// <summary>A gain of at least a point on three business slices or more: broad, not confined.</summary>
    [GainBreadth("accuracy", BenchmarkLayer.Business, MinMargin = 0.01, MinSlices = 3)]
    public static partial Guardrail BroadGain { get; }

    /// <summary>Hallucination falls on at least half the live slices.</summary>
    [GainBreadth("hallucination_rate", BenchmarkLayer.Live, MinShare = 0.5)]
    public static partial Guardrail FewerHallucinations { get; }

    /// <summary>No full rollout without every layer of the benchmark stack.</summary>
    [BenchmarkCoverage(Stages = Stages.Full)]
    public static partial Guardrail StackCovered { get; }

    /// <summary>A bigger model must earn its serving cost: a cent per correct answer at most.</summary>
    [CostCeiling(CostMetric.UsdPerCorrectAnswer, Max = 0.01, Levers = Levers.Scale | Levers.Hybrid)]
    public static partial Guardrail ScaleEconomics { get; }
}
