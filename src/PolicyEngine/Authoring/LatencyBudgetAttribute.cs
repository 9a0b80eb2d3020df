using PolicyEngine.Specs;

namespace PolicyEngine;

/// <summary>A latency percentile of the candidate's traffic on one slice stays under a budget.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class LatencyBudgetAttribute : GuardrailDeclarationAttribute
{
    /// <summary>The percentile, strictly between 0 and 100 (PE0004).</summary>
    public double Percentile { get; set; } = 95;

    /// <summary>The budget in milliseconds; must be positive (PE0005).</summary>
    public double MaxMilliseconds { get; set; }

    /// <summary>Which latency is limited. Defaults to the whole request.</summary>
    public LatencyMeasure Measure { get; set; } = LatencyMeasure.Request;

    /// <summary>The traffic slice. Defaults to <c>all</c>.</summary>
    public string Slice { get; set; } = Slices.All;
}
