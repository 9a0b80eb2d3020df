namespace PolicyEngine.Evaluation;

/// <summary>Raw samples a pack's distribution rollback thresholds need: the loader reads these and no others.</summary>
/// <param name="Metric">The measure.</param>
/// <param name="Slice">The slice, <c>all</c> for the whole.</param>
public sealed record SampleDemand(SampledMetric Metric, string Slice);
