namespace PolicyEngine.Evaluation;

/// <summary>A metric group a policy declares (<see cref="MetricGroupAttribute"/>).</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Weight">Its weight in the policy's score, greater than zero.</param>
public sealed record ScoreGroup(string Name, double Weight);
