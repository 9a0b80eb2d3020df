namespace PolicyEngine.Specs;

/// <summary>
/// What each <see cref="TelemetryMetric"/> is called in guardrail code and which way is better. Compiled into
/// the generator too (linked source), so the names a guardrail may use and the runtime's figures are one table.
/// </summary>
public static partial class TelemetryMetrics
{
    private static readonly System.Collections.Generic.Dictionary<string, TelemetryMetric> ByName = new(System.StringComparer.Ordinal)
    {
        ["error_rate"] = TelemetryMetric.ErrorRate,
        ["accuracy"] = TelemetryMetric.Accuracy,
        ["hallucination_rate"] = TelemetryMetric.HallucinationRate,
        ["tokens_per_second"] = TelemetryMetric.TokensPerSecond,
        ["usd_per_1m_tokens"] = TelemetryMetric.UsdPer1MTokens,
        ["usd_per_1k_requests"] = TelemetryMetric.UsdPer1kRequests,
        ["usd_per_correct_answer"] = TelemetryMetric.UsdPerCorrectAnswer,
        ["latency_p50"] = TelemetryMetric.LatencyP50,
        ["latency_p90"] = TelemetryMetric.LatencyP90,
        ["latency_p95"] = TelemetryMetric.LatencyP95,
        ["latency_p99"] = TelemetryMetric.LatencyP99,
        ["ttft_p50"] = TelemetryMetric.TtftP50,
        ["ttft_p90"] = TelemetryMetric.TtftP90,
        ["ttft_p95"] = TelemetryMetric.TtftP95,
        ["ttft_p99"] = TelemetryMetric.TtftP99,
        ["latency"] = TelemetryMetric.Latency,
        ["ttft"] = TelemetryMetric.Ttft,
        ["calibration_error"] = TelemetryMetric.CalibrationError,
        ["tokens_per_gpu_second"] = TelemetryMetric.TokensPerGpuSecond,
    };

    /// <summary>Every name a rollback threshold may use.</summary>
    public static System.Collections.Generic.IEnumerable<string> Names => ByName.Keys;

    /// <summary>The metric called <paramref name="name"/> in guardrail code (e.g. <c>error_rate</c>).</summary>
    public static bool TryParse(string name, out TelemetryMetric metric) => ByName.TryGetValue(name, out metric);

    /// <summary>The name guardrail code and findings use, e.g. <c>latency_p95</c>.</summary>
    public static string Name(TelemetryMetric metric)
    {
        foreach (var pair in ByName)
        {
            if (pair.Value == metric)
            {
                return pair.Key;
            }
        }

        return metric.ToString();
    }

    /// <summary>Whether a higher figure is better (accuracy, throughput) rather than worse (errors, latency, cost).</summary>
    public static bool HigherIsBetter(TelemetryMetric metric) =>
        metric is TelemetryMetric.Accuracy or TelemetryMetric.TokensPerSecond or TelemetryMetric.TokensPerGpuSecond;

    /// <summary>Whether the figure rests on labeled requests only (its sample count is the labeled rows).</summary>
    public static bool Labeled(TelemetryMetric metric) =>
        metric is TelemetryMetric.Accuracy or TelemetryMetric.HallucinationRate or TelemetryMetric.UsdPerCorrectAnswer or TelemetryMetric.CalibrationError;

    /// <summary>For a percentile of a distribution (<c>latency_p95</c>), the distribution's samples and the percentile (95); else null.</summary>
    public static (SampledMetric Metric, double Percentile)? Percentile(TelemetryMetric metric) => metric switch
    {
        TelemetryMetric.LatencyP50 => (SampledMetric.Latency, 50),
        TelemetryMetric.LatencyP90 => (SampledMetric.Latency, 90),
        TelemetryMetric.LatencyP95 => (SampledMetric.Latency, 95),
        TelemetryMetric.LatencyP99 => (SampledMetric.Latency, 99),
        TelemetryMetric.TtftP50 => (SampledMetric.Ttft, 50),
        TelemetryMetric.TtftP90 => (SampledMetric.Ttft, 90),
        TelemetryMetric.TtftP95 => (SampledMetric.Ttft, 95),
        TelemetryMetric.TtftP99 => (SampledMetric.Ttft, 99),
        _ => null,
    };

    /// <summary>
    /// For a figure that is the mean of one value per request, scaled (<c>usd_per_1k_requests</c>: a request's cost
    /// × 1,000), those values and the scale; else null. Ratios of two sums (per token, per correct answer) are not.
    /// </summary>
    public static (SampledMetric Metric, double Scale)? PerRequest(TelemetryMetric metric) => metric switch
    {
        TelemetryMetric.UsdPer1kRequests => (SampledMetric.Cost, 1000),
        _ => null,
    };

    /// <summary>The raw samples a sequential threshold on the metric is judged from: a distribution, a percentile's, or a per-request mean's; else null (a rate).</summary>
    public static SampledMetric? SequentialSamples(TelemetryMetric metric) =>
        Sampled(metric) ?? Percentile(metric)?.Metric ?? PerRequest(metric)?.Metric;

    /// <summary>The raw distribution the metric ranks, for <see cref="TelemetryMetric.Latency"/> and <see cref="TelemetryMetric.Ttft"/>; else null.</summary>
    public static SampledMetric? Sampled(TelemetryMetric metric) => metric switch
    {
        TelemetryMetric.Latency => SampledMetric.Latency,
        TelemetryMetric.Ttft => SampledMetric.Ttft,
        _ => null,
    };
}
