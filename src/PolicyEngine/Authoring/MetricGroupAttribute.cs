namespace PolicyEngine;

/// <summary>
/// Declares a weighted group of rollback thresholds on a policy. Once a policy declares groups, its grouped
/// thresholds no longer decide one by one: together they give a score from 0 to 100 (each group's share of
/// passing findings, weighted), and the score against <see cref="GuardrailPolicyAttribute.ScorePass"/> and
/// <see cref="GuardrailPolicyAttribute.ScoreMarginal"/> decides. A <see cref="RollbackThresholdAttribute.Critical"/>
/// threshold still vetoes on its own (docs/canary.md).
/// </summary>
/// <param name="name">The group's name, which rollback thresholds give as <see cref="RollbackThresholdAttribute.Group"/>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MetricGroupAttribute(string name) : Attribute
{
    /// <summary>The group's name.</summary>
    public string Name { get; } = name;

    /// <summary>The group's weight in the score, greater than zero. Defaults to 1.</summary>
    public double Weight { get; set; } = 1;
}
