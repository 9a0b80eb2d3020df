using PolicyEngine.Specs;

namespace PolicyEngine;

/// <summary>
/// The canary's telemetry metric does not regress against the baseline's beyond a threshold; a failure in a
/// canary stage rolls the canary back. Applies to the canary stage unless <see cref="GuardrailDeclarationAttribute.Stages"/> says otherwise. Set exactly one threshold (PE0011), in the metric's bad direction (PE0018):
/// an increase for a metric where lower is better, a decrease for one where higher is better.
/// </summary>
/// <param name="metric">
/// A telemetry metric: <c>error_rate</c>, <c>latency_p50</c>/<c>p90</c>/<c>p95</c>/<c>p99</c>, <c>ttft_p50</c>…<c>ttft_p99</c>,
/// <c>accuracy</c>, <c>hallucination_rate</c>, <c>tokens_per_second</c>, <c>usd_per_1m_tokens</c>,
/// <c>usd_per_1k_requests</c>, <c>usd_per_correct_answer</c>; or a whole distribution, <c>latency</c> or <c>ttft</c>,
/// judged by rank statistics: a Mann–Whitney U test and the Hodges–Lehmann shift with its confidence interval
/// (docs/canary.md). For a distribution, the increase limit is required and a decrease limit is optional: set one
/// (0 for none) to fail a clear drop as well.
/// </param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RollbackThresholdAttribute(string metric) : GuardrailDeclarationAttribute
{
    /// <summary>The telemetry metric.</summary>
    public string Metric { get; } = metric;

    /// <summary>The slice. Defaults to <c>all</c>.</summary>
    public string Slice { get; set; } = Slices.All;

    /// <summary>Largest acceptable relative increase over the baseline (0.10 = 10 %).</summary>
    public double MaxRelativeIncrease { get; set; } = double.NaN;

    /// <summary>Largest acceptable absolute increase over the baseline, in the metric's units.</summary>
    public double MaxAbsoluteIncrease { get; set; } = double.NaN;

    /// <summary>Largest acceptable relative decrease below the baseline (0.05 = 5 %).</summary>
    public double MaxRelativeDecrease { get; set; } = double.NaN;

    /// <summary>Largest acceptable absolute decrease below the baseline, in the metric's units.</summary>
    public double MaxAbsoluteDecrease { get; set; } = double.NaN;

    /// <summary>Fewest samples each side needs before the comparison is conclusive.</summary>
    public int MinSamples { get; set; } = 100;

    /// <summary>
    /// For a distribution (<c>latency</c>, <c>ttft</c>): 1 − the Mann–Whitney test's significance level (a p-value
    /// at or above 1 − Confidence is no shift), and the confidence of the shift's interval. Defaults to 0.95.
    /// </summary>
    public double Confidence { get; set; } = 0.95;

    /// <summary>For a distribution: what samples that are not numbers mean. Defaults to <see cref="NaNPolicy.Remove"/>.</summary>
    public NaNPolicy WhenNaN { get; set; }

    /// <summary>
    /// The <see cref="MetricGroupAttribute">metric group</see> this threshold scores in. A grouped threshold no
    /// longer decides alone: its policy's score does.
    /// </summary>
    public string? Group { get; set; }

    /// <summary>A failure of a critical threshold rolls the canary back whatever its group's score.</summary>
    public bool Critical { get; set; }

    /// <summary>
    /// Compare with the last this-many passed decisions (pass or warn) on earlier versions of the same model, read
    /// from the decision records, instead of with the live baseline. 0 (the default) compares with the baseline.
    /// Fewer passed decisions on record leave the finding inconclusive: give a new model's history guardrail
    /// <c>Severity = Severity.Warn</c> until its history fills, or its first releases are blocked.
    /// </summary>
    public int HistoryCount { get; set; }

    /// <summary>
    /// With <see cref="HistoryCount"/>: the percentile (0–100) of the past values to compare with; unset, their mean.
    /// </summary>
    public double HistoryPercentile { get; set; } = double.NaN;

    /// <summary>
    /// Measurements <c>policyengine watch</c> takes of this guardrail, each its own outcome (docs/canary.md).
    /// 0 (the default) leaves the guardrail to the watch's own <c>--count</c> and limits.
    /// </summary>
    public int Measurements { get; set; }

    /// <summary>
    /// Judge by an anytime-valid confidence sequence instead of a test built for one look (docs/canary.md): the
    /// canary is rolled back as soon as the sequence shows a change beyond the limit, promoted as soon as it shows the
    /// change within it (after <see cref="MinSamples"/> and <see cref="MinDurationSeconds"/>), and watched on while it
    /// straddles the limit. <see cref="Confidence"/> is each bound's coverage at every look at once (each decision errs with at most 1 − Confidence). For
    /// <c>error_rate</c>, <c>accuracy</c>, <c>hallucination_rate</c>, <c>latency</c>, <c>ttft</c>, their
    /// percentiles (<c>latency_p95</c>, bounded from the raw samples) and <c>usd_per_1k_requests</c> (bounded from
    /// each request's cost), with its own <see cref="Measurements"/> (PE0043).
    /// </summary>
    public bool Sequential { get; set; }

    /// <summary>For a sequential threshold, the least time the canary is watched before it may be promoted early. Defaults to 0.</summary>
    public int MinDurationSeconds { get; set; }

    /// <summary>
    /// For a sequential threshold, the baseline's samples per candidate sample the rollout expects — 9 for a canary on a
    /// tenth of the traffic against the rest, 1 (the default) for a baseline deployment of the canary's size; from
    /// 0.001 to 1000 (PE0043). It tunes the sequence to be tightest where both arms reach their share together, so a
    /// canary on a small share decides sooner; a wrong ratio costs width, never validity (docs/canary.md).
    /// </summary>
    public double BaselineRatio { get; set; } = 1;

    /// <summary>Seconds between this guardrail's measurements. Defaults to 60.</summary>
    public int MeasurementIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Failed measurements tolerated before the canary is rolled back. Defaults to 0, as in Argo Rollouts; -1 for
    /// no limit, which needs a <see cref="ConsecutiveSuccessLimit"/> (PE0028).
    /// </summary>
    public int FailureLimit { get; set; }

    /// <summary>Inconclusive measurements tolerated before the canary is held. Defaults to 0, as in Argo Rollouts; -1 for no limit.</summary>
    public int InconclusiveLimit { get; set; }

    /// <summary>Measurements in a row that may error before the watch errors. Defaults to 4, as in Argo Rollouts. Errors do not count toward <see cref="Measurements"/>.</summary>
    public int ConsecutiveErrorLimit { get; set; } = 4;

    /// <summary>Passes in a row that pass the guardrail's series at once. Defaults to 0 (none), as in Argo Rollouts.</summary>
    public int ConsecutiveSuccessLimit { get; set; }
}
