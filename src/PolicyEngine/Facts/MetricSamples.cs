namespace PolicyEngine;

/// <summary>
/// One role's raw samples of a measure on one slice: what a distribution rollback threshold ranks. Loaded only
/// when a pack asks for them (<see cref="Evaluation.PolicyPack.SampledMetrics"/>). NaN samples are kept: the
/// guardrail's <see cref="NaNPolicy"/> decides what they mean.
/// </summary>
/// <param name="Role">Whose samples.</param>
/// <param name="Slice">The slice, <c>all</c> for the whole.</param>
/// <param name="Metric">The measure.</param>
/// <param name="Values">The samples, in no particular order.</param>
public sealed record MetricSamples(Role Role, string Slice, SampledMetric Metric, IReadOnlyList<double> Values) : IFact;
