namespace PolicyEngine;

/// <summary>
/// The candidate's gain over the baseline shows on many slices, not one: on at least <see cref="MinSlices"/> slices
/// (or <see cref="MinShare"/> of the slices both were measured on) the candidate beats the baseline on
/// <paramref name="metric"/> by at least <see cref="MinMargin"/>, in the metric's good direction. "Scale only when
/// the gain is broad" as a guardrail (docs/authoring.md).
/// </summary>
/// <param name="metric">A quality metric: <c>accuracy</c>, <c>task_success</c>, <c>hallucination_rate</c> or <c>calibration_error</c>.</param>
/// <param name="layer">The benchmark layer read: an evaluation report's layer, or <see cref="BenchmarkLayer.Live"/> for labeled live traffic.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class GainBreadthAttribute(string metric, BenchmarkLayer layer) : GuardrailDeclarationAttribute
{
    /// <summary>The metric name.</summary>
    public string Metric { get; } = metric;

    /// <summary>The benchmark layer.</summary>
    public BenchmarkLayer Layer { get; } = layer;

    /// <summary>
    /// The smallest move in the good direction that counts on a slice, in the metric's units. Defaults to 0: any gain.
    /// A negative margin is a tolerance: with <see cref="MinShare"/> = 1 and <c>MinMargin = -0.005</c>, no slice may
    /// fall more than half a point behind the baseline.
    /// </summary>
    public double MinMargin { get; set; } = double.NaN;

    /// <summary>The fewest slices that must show the gain. Set this, <see cref="MinShare"/>, or both (PE0040).</summary>
    public int MinSlices { get; set; }

    /// <summary>The smallest share (above 0, at most 1) of the measured slices that must show the gain.</summary>
    public double MinShare { get; set; } = double.NaN;
}
