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

    /// <summary>
    /// The lowest score (0–100) of the policy's <see cref="MetricGroupAttribute">metric groups</see> that passes.
    /// Defaults to 95. Used only when the policy declares metric groups.
    /// </summary>
    public double ScorePass { get; set; } = 95;

    /// <summary>
    /// The lowest score that is marginal rather than failing: a marginal canary is held for more data, a failing
    /// one rolled back. Defaults to 75.
    /// </summary>
    public double ScoreMarginal { get; set; } = 75;

    /// <summary>
    /// The equal-width confidence bins expected calibration error is computed over (<c>calibration_error</c>),
    /// 2–1000 (PE0041). Defaults to 10. Every policy of a pack that sets it must set the same number.
    /// </summary>
    public int CalibrationBins { get; set; } = 10;
}
