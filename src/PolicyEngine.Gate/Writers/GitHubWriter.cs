using System.Globalization;
using System.Text;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Writers;

/// <summary>
/// Writes a decision as GitHub Actions workflow commands, as Conftest's <c>github</c> output does: the
/// findings in a group, an <c>::error</c> annotation for each that stops the release (or errored), a
/// <c>::warning</c> for each that failed without stopping it, a <c>::notice</c> for each left inconclusive,
/// each at the guardrail's declaration; then the verdict and a count line. Unlike Conftest, data is escaped
/// the way the runner reads it, so a value from telemetry can neither break a line nor start a command.
/// </summary>
public static class GitHubWriter
{
    /// <summary>The workflow commands.</summary>
    /// <param name="record">The decision.</param>
    /// <param name="pack">The pack that decided: where each guardrail is declared, and which findings a score weighs.</param>
    public static string Write(DecisionRecord record, PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(pack);
        var text = new StringBuilder();
        var release = record.Release is { } r ? $"{r.Model} {r.Version}" : "the release";
        text.Append("::group::PolicyEngine: ").Append(Data($"{release}, stage {Words.Of(record.Stage)}, {record.Findings.Count} findings of {record.Policy.Name}")).Append('\n');
        var scored = record.Scores.Select(s => s.Policy).ToHashSet(StringComparer.Ordinal);
        foreach (var finding in record.Findings.Where(f => f.Outcome != Outcome.Pass))
        {
            var guardrail = pack.Find(finding.GuardrailId);
            var weighed = guardrail is { Group: not null, Critical: false } && scored.Contains(guardrail.Policy);
            var command = finding.Outcome switch
            {
                Outcome.Error => "error",
                Outcome.Fail when finding.Severity == Severity.Block && !weighed => "error",
                Outcome.Fail => "warning",
                _ => "notice",
            };
            var properties = new List<string>();
            if (guardrail is { SourceFile.Length: > 0 })
            {
                properties.Add($"file={Property(guardrail.SourceFile.Replace('\\', '/'))}");
                properties.Add($"line={Math.Max(1, guardrail.SourceLine).ToString(CultureInfo.InvariantCulture)}");
            }

            properties.Add($"title={Property($"{finding.GuardrailId} [{finding.Slice}]")}");
            text.Append("::").Append(command).Append(' ').Append(string.Join(",", properties)).Append("::")
                .Append(Data($"{Words.Of(finding.Outcome)}{(finding.Severity == Severity.Block ? "" : $" ({Words.Of(finding.Severity)})")}: {finding.Reason}"))
                .Append('\n');
        }

        foreach (var error in record.Errors)
        {
            text.Append("::error title=PolicyEngine input::").Append(Data(error)).Append('\n');
        }

        text.Append("::endgroup::\n");
        var verdict = record.ExitCode == 0 ? (record.Verdict == Verdict.Warn ? "warning" : "notice") : "error";
        text.Append("::").Append(verdict).Append(" title=PolicyEngine verdict::")
            .Append(Data($"{record.Verdict.ToString().ToUpperInvariant()} (exit {record.ExitCode.ToString(CultureInfo.InvariantCulture)}): {record.Reason}")).Append('\n');
        int Count(Outcome outcome) => record.Findings.Count(f => f.Outcome == outcome);
        text.Append(CultureInfo.InvariantCulture,
            $"{record.Findings.Count} findings, {Count(Outcome.Pass)} passed, {Count(Outcome.Fail)} failed, {Count(Outcome.Inconclusive)} inconclusive, {Count(Outcome.Error)} errors, {Count(Outcome.Waived)} waived\n");
        return text.ToString();
    }

    /// <summary>A command's message: control characters made visible, then <c>%</c>, CR and LF encoded as the runner expects.</summary>
    private static string Data(string text) =>
        Words.Printable(text).Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A property value: as <see cref="Data"/>, and <c>:</c> and <c>,</c>, which end a property.</summary>
    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
