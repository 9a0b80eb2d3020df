using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PolicyEngine.Gate.Advising;
using PolicyEngine.Gate.Records;
using static PolicyEngine.Gate.Advising.Advisor;

namespace PolicyEngine.Gate.Writers;

/// <summary>Writes what <c>policyengine advise</c> concluded: text, Markdown (a PR or decision-log comment), JSON, or one self-contained HTML page.</summary>
public static class AdviceWriter
{
    /// <summary>The advice as JSON: every figure, the diagnosis, the recommendation and why.</summary>
    public static string Json(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var document = new
        {
            recommendation = Headline(advice),
            recommended = advice.Recommended,
            exitCode = advice.ExitCode,
            advice.Unsupported,
            advice.Reasons,
            advice.WouldChange,
            diagnosis = advice.Diagnosis is { } d ? new { d.ErrorCluster, d.LatencyBottleneck, favoured = Words(d.Favoured), d.Findings } : null,
            advice.Current,
            options = advice.Options.Select(o => new
            {
                o.Name,
                lever = Words(o.Lever),
                o.P95Ms,
                o.TtftP95Ms,
                o.UsdPerQuery,
                o.UsdPerCorrectAnswer,
                o.Accuracy,
                o.Lift,
                o.SlicesGained,
                slices = o.Slices.Select(s => new { s.Slice, s.Candidate, s.Baseline, s.Gain }),
                o.MonthlyInferenceUsd,
                o.MonthlyOtherUsd,
                o.OneTimeUsd,
                o.ExtraMonthlyUsd,
                o.Scenarios,
                o.BreakEven,
                o.Admissible,
                o.Blockers,
                o.Conditions,
                o.Baseline,
            }),
            advice.Settings,
            advice.Inputs,
        };
        return JsonSerializer.Serialize(document, DecisionRecordJson.Options) + "\n";
    }

    /// <summary>The advice as Markdown.</summary>
    public static string Markdown(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var b = new StringBuilder();
        b.Append("## PolicyEngine advise: ").Append(Escape(Headline(advice))).Append("\n\n");
        Lines(b, "Why no recommendation", advice.Unsupported, "- ");
        if (advice.Diagnosis is { } diagnosis)
        {
            Lines(b, "Where the current model stands", diagnosis.Findings, "- ");
        }

        if (advice.Options.Count > 0)
        {
            b.Append($"### The options, over {advice.Settings.HorizonMonths} months at {advice.Settings.MonthlyQueries.ToString("#,0", CultureInfo.InvariantCulture)} queries a month\n\n");
            b.Append("| Option | Lever | P95 | TTFT P95 | $ / correct answer | Accuracy (business) | Slices gaining | Extra a month | One-time | Net at 100 % | Net at 50 % | Net at 10 % | Break-even | Admissible |\n");
            b.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            foreach (var o in advice.Options)
            {
                b.Append($"| {Escape(o.Name)} | {Words(o.Lever)} | {Ms(o.P95Ms)} | {(o.TtftP95Ms is { } t ? Ms(t) : "—")} | {Usd(o.UsdPerCorrectAnswer)} | {Percent(o.Accuracy)} ({Signed(o.Lift)}) | {o.SlicesGained} of {o.Slices.Count} | {Usd0(o.ExtraMonthlyUsd)} | {Usd0(o.OneTimeUsd)} | "
                    + $"{string.Join(" | ", o.Scenarios.Select(s => Usd0(s.NetUsd)))} | {BreakEven(o)} | {(o.Admissible ? "yes" : "no: " + Escape(string.Join("; ", o.Blockers)))} |\n");
            }

            b.Append('\n');
        }

        Lines(b, "Why", advice.Reasons.Skip(advice.Diagnosis?.Findings.Count ?? 0).ToList(), "- ");
        Lines(b, "What would change the recommendation", advice.WouldChange, "- ");
        return b.ToString();
    }

    /// <summary>The advice as plain text, for a terminal.</summary>
    public static string Text(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var b = new StringBuilder();
        b.Append(Words.Printable(Headline(advice)).ToUpperInvariant()).Append('\n');
        foreach (var line in advice.Unsupported)
        {
            b.Append("  cannot: ").Append(Words.Printable(line)).Append('\n');
        }

        foreach (var o in advice.Options)
        {
            b.Append($"  {Words.Printable(o.Name)} ({Words(o.Lever)}): P95 {Ms(o.P95Ms)}, {Usd(o.UsdPerCorrectAnswer)} per correct answer, accuracy {Signed(o.Lift)}, "
                + $"{o.SlicesGained} of {o.Slices.Count} slices gaining; net {string.Join(" / ", o.Scenarios.Select(s => Usd0(s.NetUsd)))} at 100 / 50 / 10 % of its lift"
                + (o.Admissible ? "" : $" — ruled out: {Words.Printable(string.Join("; ", o.Blockers))}") + "\n");
        }

        foreach (var reason in advice.Reasons)
        {
            b.Append("  - ").Append(Words.Printable(reason)).Append('\n');
        }

        foreach (var change in advice.WouldChange)
        {
            b.Append("  would change: ").Append(Words.Printable(change)).Append('\n');
        }

        return b.ToString();
    }

    /// <summary>The advice as one self-contained HTML page: no script, nothing fetched, every text escaped.</summary>
    public static string Html(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        static string E(string? text) => WebUtility.HtmlEncode(Words.Printable(text ?? ""));
        var html = new StringBuilder();
        html.AppendLine($"<h1 class=\"{(advice.Recommended is null ? "hold" : "pass")}\">{E(Headline(advice))}</h1>");
        void List(string title, IEnumerable<string> items)
        {
            var list = items.ToList();
            if (list.Count > 0)
            {
                html.AppendLine($"<h2>{E(title)}</h2><ul>{string.Concat(list.Select(i => $"<li>{E(i)}</li>"))}</ul>");
            }
        }

        List("Why no recommendation", advice.Unsupported);
        List("Where the current model stands", advice.Diagnosis?.Findings ?? []);
        if (advice.Options.Count > 0)
        {
            html.AppendLine("<h2>Cost against latency</h2>");
            HtmlReport.Figure(html, Charts.Options("options", [.. advice.Options.Select(o => (o.Name, o.P95Ms, o.UsdPerCorrectAnswer, o.Admissible))], advice.Settings.P95BudgetMs, advice.Settings.MaxUsdPerCorrectAnswer),
                "Each option's cost per correct answer against its P95; the budget and the ceiling marked.");
            html.AppendLine("<h2>The options</h2><table><thead><tr><th>Option</th><th>Lever</th><th>P95</th><th>$ / correct answer</th><th>Accuracy (business)</th><th>Slices gaining</th><th>Net at 100 %</th><th>Net at 50 %</th><th>Net at 10 %</th><th>Admissible</th></tr></thead><tbody>");
            foreach (var o in advice.Options)
            {
                html.AppendLine($"<tr><td>{E(o.Name)}</td><td>{E(Words(o.Lever))}</td><td class=\"n\">{E(Ms(o.P95Ms))}</td><td class=\"n\">{E(Usd(o.UsdPerCorrectAnswer))}</td><td class=\"n\">{E($"{Percent(o.Accuracy)} ({Signed(o.Lift)})")}</td>"
                    + $"<td class=\"n\">{o.SlicesGained} of {o.Slices.Count}</td>{string.Concat(o.Scenarios.Select(s => $"<td class=\"n\">{E(Usd0(s.NetUsd))}</td>"))}<td>{E(o.Admissible ? "yes" : "no: " + string.Join("; ", o.Blockers))}</td></tr>");
            }

            html.AppendLine("</tbody></table>");
        }

        List("Why", advice.Reasons.Skip(advice.Diagnosis?.Findings.Count ?? 0));
        List("What would change the recommendation", advice.WouldChange);
        return HtmlReport.Page($"advise: {Headline(advice)}", html.ToString());
    }

    /// <summary>The share of its projected lift an option needs to pay for itself.</summary>
    private static string BreakEven(OptionFigures o) =>
        o.BreakEven is not { } be ? "never" : be > 1 ? "beyond its full lift" : Percent(be);

    /// <summary>The one-line answer.</summary>
    public static string Headline(Advice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        return advice.Unsupported.Count > 0 ? "no recommendation: the inputs cannot support one"
            : advice.Recommended is { } name ? $"recommend {name} ({Words(advice.Options.Single(o => o.Name == name).Lever)})"
            : "keep the current model: no option is worth its cost";
    }

    private static void Lines(StringBuilder b, string title, IReadOnlyList<string> lines, string bullet)
    {
        if (lines.Count == 0)
        {
            return;
        }

        b.Append("### ").Append(title).Append("\n\n");
        foreach (var line in lines)
        {
            b.Append(bullet).Append(Escape(line)).Append('\n');
        }

        b.Append('\n');
    }

    private static string Escape(string text) => Words.Printable(text.Replace('\n', ' ').Replace('\r', ' '))
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
