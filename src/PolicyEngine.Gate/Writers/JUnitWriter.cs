using System.Globalization;
using System.Xml.Linq;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Writers;

/// <summary>
/// Writes a decision as JUnit XML whose red and green agree with the exit code: one test case per finding — a
/// failure only where the finding alone stops the release (a blocking guardrail that failed and is not weighed
/// by a score), an error where evaluation failed, skipped for warnings, inconclusive and waived findings — and
/// one <c>verdict</c> case that fails exactly when the exit code is not 0 (a hold, a failing score, nothing
/// judged). A run stopped by bad input has an erroring case, so it never reads as green.
/// </summary>
public static class JUnitWriter
{
    /// <summary>The JUnit XML.</summary>
    /// <param name="record">The decision.</param>
    /// <param name="pack">The pack that decided, to tell findings weighed by a score; without it every blocking failure is a failure.</param>
    public static string Write(DecisionRecord record, PolicyPack? pack = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var scored = record.Scores.Select(s => s.Policy).ToHashSet(StringComparer.Ordinal);
        bool DecidesAlone(Finding f) =>
            pack?.Find(f.GuardrailId) is not { Group: not null, Critical: false } guardrail || !scored.Contains(guardrail.Policy);
        var cases = record.Findings.Select(f => Case(f, DecidesAlone(f))).ToList();
        cases.AddRange(record.Errors.Select(error => new XElement("testcase",
            new XAttribute("classname", P(record.Policy.Name)),
            new XAttribute("name", "inputs"),
            new XAttribute("time", "0"),
            new XElement("error", new XAttribute("type", "input"), new XAttribute("message", P(error)), P(error)))));
        cases.Add(Verdict(record));
        var suite = new XElement("testsuite",
            new XAttribute("name", $"policyengine {P(record.Policy.Name)}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
            new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
            new XAttribute("timestamp", record.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("time", (record.Timings.TotalMs / 1000).ToString("0.###", CultureInfo.InvariantCulture)),
            new XElement("properties",
                Property("verdict", Words.Of(record.Verdict)),
                Property("exit-code", record.ExitCode.ToString(CultureInfo.InvariantCulture)),
                Property("stage", Words.Of(record.Stage)),
                Property("decision-id", record.DecisionId.ToString()),
                Property("policy-fingerprint", record.Policy.Fingerprint),
                Property("reason", P(record.Reason))),
            cases);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return document.Declaration + "\n" + document.Root + "\n";
    }

    private static XElement Case(Finding finding, bool decidesAlone)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", P(finding.GuardrailId.Split('/')[0])),
            new XAttribute("name", $"{P(finding.GuardrailId)} [{P(finding.Slice)}]"),
            new XAttribute("time", "0"));
        var detail = $"{P(finding.Reason)}\nobserved: {Words.Number(finding.Observed)}\nthreshold: {Words.Number(finding.Threshold)}\nsamples: {finding.SampleCount}\nseverity: {Words.Of(finding.Severity)}";
        switch (finding.Outcome)
        {
            case Outcome.Fail when finding.Severity == Severity.Block && decidesAlone:
                element.Add(new XElement("failure", new XAttribute("type", Words.Of(finding.Severity)), new XAttribute("message", P(finding.Reason)), detail));
                break;
            case Outcome.Error:
                element.Add(new XElement("error", new XAttribute("type", "evaluation"), new XAttribute("message", P(finding.Reason)), detail));
                break;
            case Outcome.Fail:
                // A warning, or a finding its policy's score weighs: it does not stop the release alone.
                var why = finding.Severity == Severity.Block ? "weighed by its policy's score" : $"{Words.Of(finding.Severity)} only";
                element.Add(new XElement("skipped", new XAttribute("message", $"fail ({why}): {P(finding.Reason)}")));
                break;
            case Outcome.Inconclusive or Outcome.Waived:
                element.Add(new XElement("skipped", new XAttribute("message", $"{Words.Of(finding.Outcome)}: {P(finding.Reason)}")));
                break;
        }

        element.Add(new XElement("system-out", detail));
        return element;
    }

    /// <summary>The verdict as a test case: red exactly when the exit code is not 0.</summary>
    private static XElement Verdict(DecisionRecord record)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", P(record.Policy.Name)),
            new XAttribute("name", "verdict"),
            new XAttribute("time", "0"));
        var text = $"{Words.Of(record.Verdict)} (exit {record.ExitCode.ToString(CultureInfo.InvariantCulture)}): {P(record.Reason)}";
        if (record.ExitCode != 0)
        {
            element.Add(new XElement("failure", new XAttribute("type", Words.Of(record.Verdict)), new XAttribute("message", text), text));
        }

        element.Add(new XElement("system-out", text));
        return element;
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    /// <summary>XML 1.0 cannot hold most control characters at all: data is made printable first.</summary>
    private static string P(string text) => Words.Printable(text);
}
