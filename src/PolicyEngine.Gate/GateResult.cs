using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate;

/// <summary>A gate run's outcome: the decision and its record.</summary>
/// <param name="Decision">The verdict and findings.</param>
/// <param name="Record">The decision record to store.</param>
public sealed record GateResult(Decision Decision, DecisionRecord Record);
