using System.Globalization;
using System.Net;
using System.Text;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Canary;
using PolicyEngine.Gate.Records;
using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Writers;

/// <summary>
/// The HTML reports (docs/reports.md): one self-contained file — no script, no font or style fetched, every text
/// escaped — with charts a decision-maker looks at rather than reads: latency against its budget, each guardrail
/// against its threshold, a canary's score over its measurements.
/// </summary>
public static class HtmlReport
{
    /// <summary>The most slices a gate report draws a latency chart for.</summary>
    public const int MaxLatencyCharts = 12;

    /// <summary>A gate's decision as a page.</summary>
    /// <param name="record">The decision record.</param>
    /// <param name="pack">The pack that decided, for its latency budgets.</param>
    /// <param name="latency">Telemetry with a finer latency curve than the record keeps (e.g. every percentile); default: the record's.</param>
    public static string Gate(DecisionRecord record, PolicyPack pack, IReadOnlyList<SliceMetrics>? latency = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(pack);
        var release = record.Release is { } r ? $"{r.Model} {r.Version}" : "no release";
        var body = new StringBuilder();
        body.AppendLine($"<h1 class=\"{Words.Of(record.Verdict)}\">{E(Words.Of(record.Verdict).ToUpperInvariant())} — {E(release)}</h1>");
        body.AppendLine($"<p class=\"reason\">{E(record.Reason)}</p>");
        body.AppendLine($"<p class=\"meta\">stage {E(Words.Of(record.Stage))} · policy {E(record.Policy.Name)} <code>{E(record.Policy.Fingerprint)}</code> · decision <code>{record.DecisionId}</code> · {record.DecidedAt.ToString("u", CultureInfo.InvariantCulture)} · exit code {record.ExitCode}</p>");
        var curves = latency ?? record.Telemetry;
        var slices = curves.Where(m => m.Role == Role.Candidate && m.Latency.Keys.Any()).Select(m => m.Slice)
            .OrderBy(s => s == Slices.All ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal).ToList();
        if (slices.Count > 0)
        {
            body.AppendLine("<h2>Latency against its budget</h2><div class=\"charts\">");
            foreach (var (slice, i) in slices.Take(MaxLatencyCharts).Select((s, i) => (s, i)))
            {
                var candidate = curves.First(m => m.Role == Role.Candidate && m.Slice == slice).Latency;
                var baseline = curves.FirstOrDefault(m => m.Role == Role.Baseline && m.Slice == slice)?.Latency ?? Percentiles.None;
                var budgets = pack.Guardrails.Select(g => g.Spec).OfType<LatencyBudgetSpec>()
                    .Where(s => s.Measure == LatencyMeasure.Request && s.Slice == slice)
                    .Select(s => (s.Percentile, s.MaxMilliseconds)).ToList();
                Figure(body, Charts.LatencyCdf($"latency-{i}", slice, candidate, baseline, budgets),
                    $"Request latency on slice {slice}: candidate against baseline{(budgets.Count > 0 ? ", budgets marked in red" : "")}.");
            }

            body.AppendLine("</div>");
            if (slices.Count > MaxLatencyCharts)
            {
                body.AppendLine($"<p class=\"meta\">{slices.Count - MaxLatencyCharts} more slices are in the record, not drawn.</p>");
            }
        }

        // A regression limit is compared with a difference, not with the value observed: its share means nothing.
        var comparable = record.Findings.Where(f => f.Observed is not null && f.Threshold is { } t && t != 0
            && pack.Find(f.GuardrailId)?.Spec is not QualityFloorSpec { Bound: QualityBound.MaxRegression }).ToList();
        if (comparable.Count > 0)
        {
            body.AppendLine("<h2>Each guardrail against its threshold</h2>");
            Figure(body, Charts.Thresholds("thresholds", comparable), "Observed value as a share of the threshold; a ceiling passes at or under 100 %, a floor at or over it. Regression limits are in the table below.");
        }

        Findings(body, record.Findings);
        if (record.Waivers.Count > 0)
        {
            body.AppendLine("<h2>Waivers</h2><table><thead><tr><th>Guardrail</th><th>Status</th><th>Detail</th></tr></thead><tbody>");
            foreach (var w in record.Waivers)
            {
                body.AppendLine($"<tr><td><code>{E(w.Guardrail)}</code></td><td>{E(w.Status)}</td><td>{E(w.Detail)}</td></tr>");
            }

            body.AppendLine("</tbody></table>");
        }

        Inputs(body, record.Inputs);
        return Page($"{Words.Of(record.Verdict).ToUpperInvariant()} — {release}", body.ToString());
    }

    /// <summary>A canary watch as a page: its verdict, its score over the measurements, each sequential threshold's bounds, and each measurement.</summary>
    /// <param name="result">What the watch decided.</param>
    /// <param name="measurements">Its measurements, in order.</param>
    /// <param name="release">The release watched, for the title.</param>
    /// <param name="pack">The pack watched: a relative limit's bounds are charted in %.</param>
    public static string Watch(CanaryResult result, IReadOnlyList<CanaryMeasurement> measurements, string release, PolicyPack? pack = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(measurements);
        var body = new StringBuilder();
        body.AppendLine($"<h1 class=\"{Words.Of(result.Verdict)}\">{E(Words.Of(result.Verdict).ToUpperInvariant())} — canary of {E(release)}</h1>");
        body.AppendLine($"<p class=\"reason\">{E(result.Reason)}</p>");
        body.AppendLine($"<p class=\"meta\">{measurements.Count} measurements · exit code {result.ExitCode}</p>");
        if (measurements.Count > 0)
        {
            var scored = measurements.All(m => m.Decision.Scores.Any(s => s.Value is not null));
            var points = measurements.Select(m => (m.Number, Score(m.Decision, scored), Passed: m.Decision.Verdict is Verdict.Pass or Verdict.Warn)).ToList();
            var passLine = scored ? measurements[0].Decision.Scores.First(s => s.Value is not null).Pass : (double?)null;
            body.AppendLine("<h2>The canary over its measurements</h2>");
            Figure(body, Charts.Scores("score", points, passLine), scored
                ? "The policy's score (0–100) at each measurement, its pass line in green."
                : "The share of findings that passed at each measurement (the pack declares no scorecard).");
            // A sequential threshold's bounds narrow look by look until they clear or fit under its limit.
            var sequences = measurements.SelectMany(m => m.Decision.Findings.Where(f => f.Lower is not null && f.Upper is not null).Select(f => (m.Number, Finding: f)))
                .GroupBy(x => (x.Finding.GuardrailId, x.Finding.Slice)).ToList();
            foreach (var (sequence, i) in sequences.Select((g, i) => (g, i)))
            {
                var limit = sequence.First().Finding.Threshold ?? 0;
                var relative = pack?.Find(sequence.Key.GuardrailId)?.Spec is Specs.RollbackThresholdSpec { Change: ChangeLimit.RelativeIncrease or ChangeLimit.RelativeDecrease };
                var bounds = sequence.Select(x => (x.Number, x.Finding.Lower!.Value, x.Finding.Upper!.Value, x.Finding.Observed)).ToList();
                Figure(body, Charts.Sequence($"sequence-{i + 1}", $"{sequence.Key.GuardrailId} · {sequence.Key.Slice}", bounds, limit, relative),
                    $"{sequence.Key.GuardrailId} on slice {sequence.Key.Slice}: the confidence sequence (band) and the estimate at each measurement against the limit (red). Above the limit rolls back; below it, after the minimums, promotes.");
            }

            body.AppendLine("<h2>Measurements</h2><table><thead><tr><th>#</th><th>Verdict</th><th>Series</th><th>Reason</th><th>Record</th></tr></thead><tbody>");
            foreach (var m in measurements)
            {
                body.AppendLine($"<tr><td>{m.Number}</td><td>{E(Words.Of(m.Decision.Verdict))}</td><td>{E(m.Reason)}</td><td>{E(m.Decision.Reason)}</td><td><code>{E(m.RecordPath)}</code></td></tr>");
            }

            body.AppendLine("</tbody></table>");
            Findings(body, measurements[^1].Decision.Findings, "Findings of the last measurement");
        }

        return Page($"{Words.Of(result.Verdict).ToUpperInvariant()} — canary of {release}", body.ToString());
    }

    /// <summary>The page around a report's body: its own styles, nothing fetched.</summary>
    internal static string Page(string title, string body)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine($"<title>PolicyEngine · {E(title)}</title>");
        html.AppendLine("<style>body{font-family:'DejaVu Sans',system-ui,sans-serif;margin:2rem;max-width:96rem;color:#222}"
            + "h1.pass,h1.warn{color:#2ca02c}h1.block,h1.rollback,h1.error{color:#d62728}h1.hold{color:#ff7f0e}"
            + ".reason{font-size:1.1rem}.meta{color:#666;font-size:.9rem}code{font-family:'DejaVu Sans Mono',ui-monospace,monospace}"
            + "table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right;white-space:nowrap}"
            + ".charts{display:flex;flex-wrap:wrap;gap:1rem}figure.chart{margin:0}figure.chart svg{max-width:100%;height:auto;border:1px solid #eee}"
            + "figcaption{color:#666;font-size:.85rem;max-width:40rem}td.pass{color:#2ca02c}td.fail,td.error{color:#d62728}td.inconclusive{color:#ff7f0e}</style>");
        html.AppendLine("</head><body>");
        html.Append(body);
        html.AppendLine("<p class=\"meta\">Written by PolicyEngine; self-contained: no script, nothing fetched.</p>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>A chart and its caption.</summary>
    internal static void Figure(StringBuilder body, string svg, string caption) =>
        body.AppendLine($"<figure class=\"chart\">{svg}<figcaption>{E(caption)}</figcaption></figure>");

    internal static string E(string? text) => WebUtility.HtmlEncode(Words.Printable(text ?? ""));

    private static double Score(Decision decision, bool scored)
    {
        if (scored)
        {
            return decision.Scores.First(s => s.Value is not null).Value!.Value;
        }

        var judged = decision.Findings.Count;
        return judged == 0 ? 0 : 100.0 * decision.Findings.Count(f => f.Outcome is Outcome.Pass or Outcome.Waived) / judged;
    }

    private static void Findings(StringBuilder body, IReadOnlyList<Finding> findings, string title = "Findings")
    {
        body.AppendLine($"<h2>{E(title)}</h2><table><thead><tr><th>Outcome</th><th>Guardrail</th><th>Severity</th><th>Slice</th><th>Observed</th><th>Threshold</th><th>Samples</th><th>Reason</th></tr></thead><tbody>");
        foreach (var f in findings)
        {
            body.AppendLine($"<tr><td class=\"{Words.Of(f.Outcome)}\">{E(Words.Of(f.Outcome))}</td><td><code>{E(f.GuardrailId)}</code></td><td>{E(Words.Of(f.Severity))}</td><td>{E(f.Slice)}</td>"
                + $"<td class=\"n\">{E(f.Observed is { } o ? Finding.Format(o) : "")}</td><td class=\"n\">{E(f.Threshold is { } t ? Finding.Format(t) : "")}</td><td class=\"n\">{f.SampleCount?.ToString(CultureInfo.InvariantCulture)}</td><td>{E(f.Reason)}</td></tr>");
        }

        body.AppendLine("</tbody></table>");
    }

    private static void Inputs(StringBuilder body, IReadOnlyList<InputFile> inputs)
    {
        body.AppendLine("<h2>Inputs</h2><table><thead><tr><th>Kind</th><th>Path</th><th>Rows</th><th>SHA-256</th></tr></thead><tbody>");
        foreach (var i in inputs)
        {
            body.AppendLine($"<tr><td>{E(i.Kind)}</td><td><code>{E(i.Path)}</code></td><td class=\"n\">{i.Rows}</td><td><code>{E(i.Sha256)}</code></td></tr>");
        }

        body.AppendLine("</tbody></table>");
    }
}
