using System.Globalization;
using System.Xml.Linq;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Writers;

/// <summary>
/// Writes a decision as JUnit XML: one test case per finding (a failure for fail, an error for error, skipped
/// for inconclusive or waived). A run stopped by bad input has one erroring case, so it never reads as green.
/// </summary>
public static class JUnitWriter
{
    /// <summary>The XML.</summary>
    public static string Write(DecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var cases = record.Findings.Select(Case).ToList();
        cases.AddRange(record.Errors.Select(error => new XElement("testcase",
            new XAttribute("classname", P(record.Policy.Name)),
            new XAttribute("name", "inputs"),
            new XAttribute("time", "0"),
            new XElement("error", new XAttribute("type", "input"), new XAttribute("message", P(error)), P(error)))));
        var suite = new XElement("testsuite",
            new XAttribute("name", $"policyengine {P(record.Policy.Name)}"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", record.Findings.Count(f => f.Outcome == Outcome.Fail)),
            new XAttribute("errors", record.Findings.Count(f => f.Outcome == Outcome.Error) + record.Errors.Count),
            new XAttribute("skipped", record.Findings.Count(f => f.Outcome is Outcome.Inconclusive or Outcome.Waived)),
            new XAttribute("timestamp", record.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("time", (record.Timings.TotalMs / 1000).ToString("0.###", CultureInfo.InvariantCulture)),
            new XElement("properties",
                Property("verdict", Words.Of(record.Verdict)),
                Property("stage", Words.Of(record.Stage)),
                Property("decision-id", record.DecisionId.ToString()),
                Property("policy-fingerprint", record.Policy.Fingerprint),
                Property("reason", P(record.Reason))),
            cases);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return document.Declaration + "\n" + document.Root + "\n";
    }

    private static XElement Case(Finding finding)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", P(finding.GuardrailId.Split('/')[0])),
            new XAttribute("name", $"{P(finding.GuardrailId)} [{P(finding.Slice)}]"),
            new XAttribute("time", "0"));
        var detail = $"{P(finding.Reason)}\nobserved: {Words.Number(finding.Observed)}\nthreshold: {Words.Number(finding.Threshold)}\nsamples: {finding.SampleCount}\nseverity: {Words.Of(finding.Severity)}";
        switch (finding.Outcome)
        {
            case Outcome.Fail:
                element.Add(new XElement("failure", new XAttribute("type", Words.Of(finding.Severity)), new XAttribute("message", P(finding.Reason)), detail));
                break;
            case Outcome.Error:
                element.Add(new XElement("error", new XAttribute("type", "evaluation"), new XAttribute("message", P(finding.Reason)), detail));
                break;
            case Outcome.Inconclusive or Outcome.Waived:
                element.Add(new XElement("skipped", new XAttribute("message", $"{Words.Of(finding.Outcome)}: {P(finding.Reason)}")));
                break;
        }

        element.Add(new XElement("system-out", detail));
        return element;
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    /// <summary>XML 1.0 cannot hold most control characters at all: data is made printable first.</summary>
    private static string P(string text) => Words.Printable(text);
}
