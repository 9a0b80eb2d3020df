namespace PolicyEngine.Rules.Standard;

/// <summary>
/// What a changed architecture must show (architecture and hybrid releases): retrieval, sparsity, distillation
/// or new encoders are bought for latency and throughput, so they must deliver both without a quality regression
/// on any slice.
/// </summary>
[GuardrailPolicy("architecture", Owner = "ml-platform@contoso.example")]
public static partial class ArchitectureRelease
{
    /// <summary>No business slice falls more than half a point of accuracy behind the baseline: an architecture change regresses silently on the slice nobody watched.</summary>
    [GainBreadth("accuracy", BenchmarkLayer.Business, MinMargin = -0.005, MinShare = 1, Stages = Stages.Offline | Stages.Full, Levers = Levers.Architecture | Levers.Hybrid)]
    public static partial Guardrail NoSliceRegresses { get; }

    /// <summary>The change is bought for latency: P95 may not rise above the baseline's.</summary>
    [RollbackThreshold("latency_p95", MaxRelativeIncrease = 0, MinSamples = 200, Stages = Stages.Canary | Stages.Full, Levers = Levers.Architecture | Levers.Hybrid)]
    public static partial Guardrail NotSlower { get; }

    /// <summary>High-volume serving needs throughput: at least 400 output tokens per GPU-second.</summary>
    [ThroughputFloor(MinTokensPerGpuSecond = 400, Stages = Stages.Canary | Stages.Full, Levers = Levers.Architecture | Levers.Hybrid)]
    public static partial Guardrail GpuThroughput { get; }
}
