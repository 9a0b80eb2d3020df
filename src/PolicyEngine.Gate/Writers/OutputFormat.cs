using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Writers;

/// <summary>The formats a gate run's result can be written in.</summary>
public enum OutputFormat
{
    /// <summary>A readable table for a terminal.</summary>
    Text,

    /// <summary>The decision record itself.</summary>
    Json,

    /// <summary>A Markdown summary with a table of findings, for a PR comment or a CI step summary.</summary>
    Markdown,

    /// <summary>JUnit XML, one test case per finding, for CI test reports.</summary>
    Junit,

    /// <summary>SARIF 2.1.0, one result per finding, for code-scanning views.</summary>
    Sarif,

    /// <summary>GitHub Actions workflow commands: an annotation per finding that did not pass, and the verdict.</summary>
    Github,

    /// <summary>One self-contained HTML page with charts (docs/reports.md).</summary>
    Html,
}

/// <summary>Writes a decision in an <see cref="OutputFormat"/>: the one place a format is mapped to its writer.</summary>
public static class Output
{
    /// <summary>
    /// The decision as <paramref name="format"/>; for <see cref="OutputFormat.Text"/>, <paramref name="text"/>
    /// (plain text is drawn by whoever owns the console).
    /// </summary>
    /// <param name="format">The format.</param>
    /// <param name="record">The decision record.</param>
    /// <param name="pack">The pack that decided, for the SARIF rules.</param>
    /// <param name="text">Writes the plain-text report.</param>
    /// <param name="sourceRoot">The checkout the gate ran in, which SARIF's <c>%SRCROOT%</c> stands for; null when none.</param>
    /// <param name="latency">For HTML: telemetry with a finer latency curve than the record keeps; null draws the record's.</param>
    public static string Write(OutputFormat format, DecisionRecord record, PolicyPack pack, Func<string> text, string? sourceRoot = null, IReadOnlyList<SliceMetrics>? latency = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return format switch
        {
            OutputFormat.Json => DecisionRecordJson.Write(record),
            OutputFormat.Markdown => MarkdownWriter.Write(record),
            OutputFormat.Junit => JUnitWriter.Write(record, pack),
            OutputFormat.Sarif => SarifWriter.Write(record, pack, sourceRoot),
            OutputFormat.Github => GitHubWriter.Write(record, pack),
            OutputFormat.Html => HtmlReport.Gate(record, pack, latency),
            _ => text(),
        };
    }
}
