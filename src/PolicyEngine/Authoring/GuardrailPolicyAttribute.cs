namespace PolicyEngine;

/// <summary>
/// Marks a top-level <c>static partial</c> class as a guardrail policy. Its guardrail members become
/// NRules rules, catalog entries and rule docs at compile time.
/// </summary>
/// <param name="name">The policy name: lower-case words joined by hyphens; the first part of every guardrail id.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GuardrailPolicyAttribute(string name) : Attribute
{
    /// <summary>The policy name, the first part of every guardrail id.</summary>
    public string Name { get; } = name;

    /// <summary>Who answers for the policy's guardrails (a team address); required (PE0008).</summary>
    public string? Owner { get; set; }
}
