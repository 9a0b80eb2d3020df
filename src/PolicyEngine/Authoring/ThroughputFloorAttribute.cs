namespace PolicyEngine;

/// <summary>
/// The candidate's throughput per GPU — output tokens per GPU-second, from the telemetry's <c>output_tokens</c> and
/// <c>gpu_seconds</c> — stays at or above <see cref="MinTokensPerGpuSecond"/> on a slice: what a high-volume
/// service pays for, and what an architecture release is expected to raise.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ThroughputFloorAttribute : GuardrailDeclarationAttribute
{
    /// <summary>The slice. Defaults to <c>all</c>.</summary>
    public string Slice { get; set; } = Specs.Slices.All;

    /// <summary>The fewest output tokens per GPU-second accepted; greater than 0 (PE0039).</summary>
    public double MinTokensPerGpuSecond { get; set; } = double.NaN;
}
