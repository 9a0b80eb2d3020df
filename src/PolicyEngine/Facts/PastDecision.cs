namespace PolicyEngine;

/// <summary>
/// A passed decision on an earlier release of the same model, read from its decision record: what a rollback
/// threshold with a history compares the candidate with.
/// </summary>
/// <param name="DecisionId">The record's decision id.</param>
/// <param name="DecidedAt">When it was decided.</param>
/// <param name="Version">The release's version.</param>
/// <param name="Telemetry">That release's candidate telemetry, per slice, as the record kept it.</param>
public sealed record PastDecision(Guid DecisionId, DateTimeOffset DecidedAt, string Version, IReadOnlyList<SliceMetrics> Telemetry) : IFact;
