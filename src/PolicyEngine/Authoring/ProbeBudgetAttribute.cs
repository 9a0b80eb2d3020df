namespace PolicyEngine;

/// <summary>
/// The ONNX probe's measurement of the candidate meets a budget at one batch size. Set at most one of
/// <see cref="MaxMilliseconds"/>, <see cref="MinThroughput"/>, <see cref="MinAgreement"/> and
/// <see cref="MaxUsdPer1kInferences"/> (PE0030); <see cref="RequireProvider"/> may stand alone or join any
/// of them, so that a CPU fallback never passes a GPU budget.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ProbeBudgetAttribute : GuardrailDeclarationAttribute
{
    /// <summary>The batch size measured. Defaults to 1.</summary>
    public int BatchSize { get; set; } = 1;

    /// <summary>The latency percentile <see cref="MaxMilliseconds"/> limits: 50, 95 or 99.</summary>
    public double Percentile { get; set; } = 95;

    /// <summary>Latency budget per batch, in milliseconds.</summary>
    public double MaxMilliseconds { get; set; } = double.NaN;

    /// <summary>Minimum throughput, in items per second.</summary>
    public double MinThroughput { get; set; } = double.NaN;

    /// <summary>Minimum argmax agreement with the baseline model, from 0 to 1.</summary>
    public double MinAgreement { get; set; } = double.NaN;

    /// <summary>Maximum cost of one thousand inferences, in USD.</summary>
    public double MaxUsdPer1kInferences { get; set; } = double.NaN;

    /// <summary>The provider the measurement must have run on.</summary>
    public ExecutionProvider RequireProvider { get; set; } = ExecutionProvider.Any;
}
