namespace PolicyEngine.Gate.Inputs;

/// <summary>What a telemetry file yielded: one fact per role and slice (and <c>all</c>), and the file's identity.</summary>
/// <param name="Metrics">The aggregated statistics.</param>
/// <param name="File">The file, its hash and how many rows it held.</param>
public sealed record TelemetryFacts(IReadOnlyList<SliceMetrics> Metrics, InputFile File);
