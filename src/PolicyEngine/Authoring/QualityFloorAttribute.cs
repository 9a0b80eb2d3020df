using PolicyEngine.Specs;

namespace PolicyEngine;

/// <summary>
/// A quality metric of the candidate on one benchmark layer and slice stays on the right side of a bound
/// (<see cref="Min"/> or <see cref="Max"/>), or does not regress against the baseline by more than
/// <see cref="MaxRegression"/>. Exactly one of the three is set (PE0011).
/// </summary>
/// <param name="metric">
/// The metric: <c>accuracy</c>, <c>task_success</c> (higher is better), <c>hallucination_rate</c> or
/// <c>calibration_error</c> (lower is better).
/// </param>
/// <param name="layer">The benchmark layer the metric is read from.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class QualityFloorAttribute(string metric, BenchmarkLayer layer) : GuardrailDeclarationAttribute
{
    /// <summary>The metric name.</summary>
    public string Metric { get; } = metric;

    /// <summary>The benchmark layer.</summary>
    public BenchmarkLayer Layer { get; } = layer;

    /// <summary>The slice. Defaults to <c>all</c>.</summary>
    public string Slice { get; set; } = Slices.All;

    /// <summary>The lowest acceptable value, for a metric where higher is better.</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>The highest acceptable value, for a metric where lower is better.</summary>
    public double Max { get; set; } = double.NaN;

    /// <summary>The largest acceptable move in the bad direction versus the baseline, in the metric's units.</summary>
    public double MaxRegression { get; set; } = double.NaN;
}
