namespace PolicyEngine.Specs;

/// <summary>Reading a <see cref="TelemetryMetric"/> off the facts (the runtime's half; the generator compiles only the names).</summary>
public static partial class TelemetryMetrics
{
    /// <summary>The figure on <paramref name="metrics"/>; null when it was not measured (or the metric is a whole distribution).</summary>
    public static double? Read(TelemetryMetric metric, SliceMetrics metrics)
    {
        System.ArgumentNullException.ThrowIfNull(metrics);
        return metric switch
        {
            TelemetryMetric.ErrorRate => metrics.ErrorRate,
            TelemetryMetric.Accuracy => metrics.Accuracy,
            TelemetryMetric.HallucinationRate => metrics.HallucinationRate,
            TelemetryMetric.TokensPerSecond => metrics.TokensPerSecond,
            TelemetryMetric.UsdPer1MTokens => metrics.UsdPer1MTokens,
            TelemetryMetric.UsdPer1kRequests => metrics.UsdPer1kRequests,
            TelemetryMetric.UsdPerCorrectAnswer => metrics.UsdPerCorrectAnswer,
            TelemetryMetric.LatencyP50 => metrics.Latency.At(50),
            TelemetryMetric.LatencyP90 => metrics.Latency.At(90),
            TelemetryMetric.LatencyP95 => metrics.Latency.At(95),
            TelemetryMetric.LatencyP99 => metrics.Latency.At(99),
            TelemetryMetric.TtftP50 => metrics.Ttft.At(50),
            TelemetryMetric.TtftP90 => metrics.Ttft.At(90),
            TelemetryMetric.TtftP95 => metrics.Ttft.At(95),
            TelemetryMetric.TtftP99 => metrics.Ttft.At(99),
            TelemetryMetric.CalibrationError => metrics.CalibrationError,
            TelemetryMetric.TokensPerGpuSecond => metrics.TokensPerGpuSecond,
            _ => null,
        };
    }

    /// <summary>
    /// How many samples the figure rests on: the rows with both a confidence and a label for calibration, the labeled
    /// requests for another label-based figure, else the requests.
    /// </summary>
    public static long Samples(TelemetryMetric metric, SliceMetrics metrics)
    {
        System.ArgumentNullException.ThrowIfNull(metrics);
        return metric == TelemetryMetric.CalibrationError ? metrics.CalibratedRequests : Labeled(metric) ? metrics.LabeledRequests : metrics.Requests;
    }
}
