namespace PolicyEngine;

/// <summary>The release being judged. Exactly one per evaluation; no guardrail fires without it.</summary>
/// <param name="Model">The candidate model's name.</param>
/// <param name="Version">The candidate model's version.</param>
/// <param name="Lever">Which lever the release pulls.</param>
/// <param name="Stage">The stage the rollout is in: exactly one of offline, canary, full.</param>
/// <param name="EvaluatedAt">The time the decision is made; evidence age is measured from it.</param>
public sealed record RolloutContext(string Model, string Version, Lever Lever, Stages Stage, DateTimeOffset EvaluatedAt) : IFact;
