namespace PolicyEngine;

/// <summary>
/// The samples a sequential rollback threshold counted on a slice at an earlier decision on the same canary (the same
/// release, policy and canary start). A confidence sequence covers the arms' samples since the canary began, which only
/// grow: a later look on fewer (a sliding window, a counter reset, rows dropped) is an error, never a pass
/// (docs/canary.md, "Anytime-valid judges").
/// </summary>
/// <param name="GuardrailId">The sequential threshold.</param>
/// <param name="Slice">The slice it judged.</param>
/// <param name="Samples">The samples it counted then (the smaller arm's).</param>
/// <param name="DecisionId">The earlier decision's id.</param>
public sealed record SequenceFloor(string GuardrailId, string Slice, long Samples, Guid DecisionId) : IFact;
