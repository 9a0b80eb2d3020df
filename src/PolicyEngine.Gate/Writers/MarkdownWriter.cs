using System.Text;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Writers;

/// <summary>Writes a decision as Markdown: a headline with the verdict, then one table row per finding.</summary>
public static class MarkdownWriter
{
    /// <summary>The Markdown.</summary>
    public static string Write(DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var md = new StringBuilder();
        var release = record.Release is { } r ? $"{r.Model} {r.Version}" : "release";
        md.AppendLine($"## PolicyEngine: {Mark(record.Verdict)} **{record.Verdict.ToString().ToUpperInvariant()}** — {Escape(release)}");
        md.AppendLine();
        md.AppendLine(Escape(record.Reason));
        md.AppendLine();
        md.AppendLine($"Stage `{Words.Of(record.Stage)}` · policy {Code(record.Policy.Name)} `{Words.Short(record.Policy.Fingerprint)}` · decision `{record.DecisionId}` · exit code {record.ExitCode}");
        md.AppendLine();
        foreach (var error in record.Errors)
        {
            md.AppendLine($"> **Error:** {Escape(error)}");
            md.AppendLine();
        }

        if (record.Findings.Count > 0)
        {
            md.AppendLine("| Outcome | Guardrail | Severity | Slice | Observed | Threshold | Samples | Reason |");
            md.AppendLine("|---|---|---|---|---:|---:|---:|---|");
            foreach (var f in record.Findings)
            {
                md.AppendLine($"| {Mark(f.Outcome)} {Words.Of(f.Outcome)} | {Code(f.GuardrailId)} | {Words.Of(f.Severity)} | {Escape(f.Slice)} | {Words.Number(f.Observed)} | {Words.Number(f.Threshold)} | {f.SampleCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""} | {Escape(f.Reason)} |");
            }

            md.AppendLine();
        }

        if (record.Waivers.Count > 0)
        {
            md.AppendLine("| Waiver | Guardrail | Slice | Versions | Approver | Ticket | Expires | Reason | Detail |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var w in record.Waivers)
            {
                md.AppendLine($"| {Escape(w.Status)} | {Code(w.Guardrail)} | {Escape(w.Slice ?? "every slice")} | {Escape(w.Versions)} | {Escape(w.Approver)} | {Escape(w.Ticket)} | {w.Expires:yyyy-MM-dd} | {Escape(w.Reason)} | {Escape(w.Detail)} |");
            }

            md.AppendLine();
        }

        if (record.Scores.Count > 0)
        {
            md.AppendLine("| Policy | Score | Band | Pass at | Marginal at | Groups |");
            md.AppendLine("|---|---:|---|---:|---:|---|");
            foreach (var s in record.Scores)
            {
                md.AppendLine($"| {Code(s.Policy)} | {Words.Number(s.Value)} | {Words.Of(s.Band)} | {Words.Number(s.Pass)} | {Words.Number(s.Marginal)} | {Escape(s.DescribeGroups())} |");
            }

            md.AppendLine();
        }

        if (record.Inputs.Count > 0)
        {
            md.AppendLine("<details><summary>Inputs</summary>");
            md.AppendLine();
            md.AppendLine("| Kind | Path | Rows | SHA-256 |");
            md.AppendLine("|---|---|---:|---|");
            foreach (var input in record.Inputs)
            {
                md.AppendLine($"| {input.Kind} | {Code(input.Path)} | {input.Rows} | `{input.Sha256}` |");
            }

            md.AppendLine();
            md.AppendLine("</details>");
        }

        return md.ToString();
    }

    private static string Mark(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "✅",
        Verdict.Warn => "⚠️",
        Verdict.Hold => "⏸️",
        _ => "❌",
    };

    private static string Mark(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "✅",
        Outcome.Fail => "❌",
        Outcome.Inconclusive => "❔",
        Outcome.Waived => "➖",
        _ => "💥",
    };

    /// <summary>Keeps a cell in its cell: pipes and line breaks would split the table.</summary>
    /// <summary>A code span: backslash escapes do not work inside one, so a backtick becomes a quote; pipes still split table cells.</summary>
    private static string Code(string text) =>
        "`" + Words.Printable(text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')).Replace("|", "\\|", StringComparison.Ordinal).Replace('`', '\'') + "`";

    /// <summary>One table cell or line: pipes escaped, control characters visible, Markdown's own characters taken literally.</summary>
    private static string Escape(string text) => Words.Printable(text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' '))
        .Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
