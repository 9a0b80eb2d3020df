namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>What a telemetry source yielded: one fact per role and slice (and <c>all</c>), the raw samples asked for, and the source's identity.</summary>
/// <param name="Metrics">The aggregated statistics.</param>
/// <param name="File">The file (or API), its hash and how many rows it held.</param>
public sealed record TelemetryFacts(IReadOnlyList<SliceMetrics> Metrics, InputFile File)
{
    /// <summary>The raw samples the pack's distribution thresholds asked for (<see cref="Evaluation.PolicyPack.SampledMetrics"/>).</summary>
    public IReadOnlyList<MetricSamples> Samples { get; init; } = [];
}
