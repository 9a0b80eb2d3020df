using PolicyEngine.Specs;

namespace PolicyEngine;

/// <summary>A serving-cost figure of the candidate's traffic on one slice stays under a ceiling.</summary>
/// <param name="metric">The cost figure to cap.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CostCeilingAttribute(CostMetric metric) : GuardrailDeclarationAttribute
{
    /// <summary>The cost figure to cap.</summary>
    public CostMetric Metric { get; } = metric;

    /// <summary>The ceiling in USD; must be positive (PE0005).</summary>
    public double Max { get; set; }

    /// <summary>The traffic slice. Defaults to <c>all</c>.</summary>
    public string Slice { get; set; } = Slices.All;
}
