using System.Text.Json;
using System.Xml.Linq;
using Json.Schema;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs;

namespace PolicyEngine.Cli.Tests;

/// <summary>Each output format, written by a real gate run on the sample and checked against what reads it.</summary>
[TestClass]
public sealed class OutputFormatTests
{
    private static readonly Lazy<JsonSchema> Sarif = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-2.1.0.json"))));

    [TestMethod]
    [DataRow("warn")]
    [DataRow("rollback")]
    public void Sarif_ValidatesAgainstTheSarif210Schema(string variant)
    {
        using var cli = new Cli();
        var output = cli.PathOf("gate.sarif");
        string[] extra = variant == "warn" ? [] : ["--telemetry", cli.Write("t.csv", new Telemetry { CandidateErrorPercent = 5 }.Csv())];

        var result = cli.Gate(["--format", "sarif", "--output", output, .. extra]);

        using var document = JsonDocument.Parse(File.ReadAllText(output));
        var evaluation = Sarif.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.IsTrue(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.AreEqual(result.Record.Findings.Count, results.GetArrayLength());
        var failed = results.EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "fail").ToList();
        Assert.AreEqual(result.Record.Findings.Count(f => f.Outcome == Outcome.Fail), failed.Count);
        Assert.IsTrue(failed.All(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "SupportAssistant.cs"));
    }

    [TestMethod]
    public void SarifSchema_RejectsAMalformedLog()
    {
        // The check above would prove nothing if the schema accepted anything.
        using var document = JsonDocument.Parse("{ \"version\": \"2.1.0\", \"runs\": [ { \"tool\": { \"driver\": { \"name\": \"x\" } }, \"results\": [ { \"kind\": \"maybe\", \"message\": { \"text\": \"m\" } } ] } ] }");

        Assert.IsFalse(Sarif.Value.Evaluate(document.RootElement).IsValid);
    }

    [TestMethod]
    public void Sarif_OfARunStoppedByBadInput_StillValidates_AndSaysItFailed()
    {
        using var cli = new Cli();
        var output = cli.PathOf("gate.sarif");

        cli.Gate("--format", "sarif", "--output", output, "--telemetry", cli.Write("t.csv", ""));

        using var document = JsonDocument.Parse(File.ReadAllText(output));
        Assert.IsTrue(Sarif.Value.Evaluate(document.RootElement).IsValid);
        var invocation = document.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.IsFalse(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.AreEqual(4, invocation.GetProperty("exitCode").GetInt32());
    }

    [TestMethod]
    public void Junit_HasOneTestCasePerFinding_WithFailuresWhereTheyFailed()
    {
        using var cli = new Cli();
        var output = cli.PathOf("junit.xml");

        var result = cli.Gate("--format", "junit", "--output", output);

        var cases = XDocument.Load(output).Descendants("testcase").ToList();
        Assert.HasCount(result.Record.Findings.Count, cases);
        var failed = cases.Where(c => c.Element("failure") is not null).Select(c => (string)c.Attribute("name")!).ToList();
        Assert.AreEqual("support-assistant/interactive-ttft-p99 [interactive]", failed.Single());
        Assert.AreEqual("1", (string)XDocument.Load(output).Descendants("testsuite").Single().Attribute("failures")!);
    }

    [TestMethod]
    public void Junit_OfABadInput_IsAnError_NotAnEmptyGreenSuite()
    {
        using var cli = new Cli();
        var output = cli.PathOf("junit.xml");

        cli.Gate("--format", "junit", "--output", output, "--telemetry", cli.PathOf("absent.csv"));

        var error = XDocument.Load(output).Descendants("testcase").Single().Element("error");
        Assert.IsNotNull(error);
        Assert.Contains("file not found", (string)error.Attribute("message")!);
    }

    [TestMethod]
    public void Markdown_IsATableOfFindings()
    {
        using var cli = new Cli();

        var result = cli.Gate("--format", "markdown");

        var lines = result.Output.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("| Outcome | Guardrail |", StringComparison.Ordinal));
        Assert.IsGreaterThanOrEqualTo(0, header, result.Output);
        Assert.StartsWith("|---|", lines[header + 1]);
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.HasCount(result.Record.Findings.Count, rows);
        Assert.IsTrue(rows.All(r => r.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|') == 9), "every row has the header's eight cells");
        Assert.Contains("**WARN**", lines[0]);
    }

    [TestMethod]
    public void Json_IsTheDecisionRecord_AndMatchesItsSchema()
    {
        using var cli = new Cli();

        var result = cli.Gate("--format", "json");

        Assert.AreEqual(File.ReadAllText(result.Records.Single()), result.Output, "stdout is the stored record");
        using var document = JsonDocument.Parse(result.Output);
        var problems = SchemaCheck.Check(document.RootElement, "decision-record");
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var record = result.Record;
        Assert.AreEqual(Stages.Canary, record.Stage);
        Assert.AreEqual(GuardrailPackFingerprint(), record.Policy.Fingerprint);
        CollectionAssert.AreEquivalent(new[] { "rollout", "telemetry", "evaluation-report", "trust", "evidence" }, record.Inputs.Select(i => i.Kind).ToList());
        Assert.AreEqual(3000, record.Inputs.Single(i => i.Kind == "telemetry").Rows);
        Assert.IsTrue(record.Timings.TotalMs >= record.Timings.LoadMs + record.Timings.EvaluateMs - 0.01);
        Assert.AreEqual(7, record.DecisionId.Version, "UUID v7: time-ordered");
    }

    [TestMethod]
    public void DecisionRecord_OfABadInput_MatchesItsSchema()
    {
        using var cli = new Cli();

        var result = cli.Gate("--rollout", cli.Write("r.json", "{ \"model\": \"m\" }"));

        using var document = JsonDocument.Parse(File.ReadAllText(result.Records.Single()));
        Assert.IsEmpty(SchemaCheck.Check(document.RootElement, "decision-record"));
        Assert.IsNull(result.Record.Stage);
    }

    [TestMethod]
    public void Text_ShowsEveryFindingAndTheVerdict()
    {
        using var cli = new Cli();

        var result = cli.Gate();

        foreach (var finding in result.Record.Findings)
        {
            Assert.Contains(finding.GuardrailId, result.Output);
        }

        Assert.Contains("support-assistant 2.1.0 (scale) · stage canary", result.Output);
        Assert.Contains("(exit 0)", result.Output);
        Assert.Contains(Path.GetFileName(result.Records.Single()), result.Output);
    }

    private static string GuardrailPackFingerprint() => PolicyEngine.Rules.Sample.GuardrailPack.Instance.Fingerprint;
}
