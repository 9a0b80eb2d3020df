namespace PolicyEngine;

/// <summary>One quality metric of one role on one benchmark layer and slice.</summary>
/// <param name="Role">Whose metric.</param>
/// <param name="Layer">The benchmark layer.</param>
/// <param name="Slice">The slice, <c>all</c> for the whole.</param>
/// <param name="Metric">The metric name, e.g. <c>accuracy</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Samples">How many examples it was measured on, when known.</param>
public sealed record QualityMetric(Role Role, BenchmarkLayer Layer, string Slice, string Metric, double Value, long? Samples) : ISliceFact;
