using System.Text.Json;
using System.Xml.Linq;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs;

namespace PolicyEngine.Cli.Tests;

/// <summary>Each output format, written by a real gate run on the sample and checked against what reads it.</summary>
[TestClass]
public sealed class OutputFormatTests
{
    [TestMethod]
    [DataRow("pass")]
    [DataRow("warn")]
    [DataRow("block")]
    [DataRow("rollback")]
    public void Sarif_ValidatesAgainstTheOfficialOasisSchema(string variant)
    {
        using var cli = new Cli();
        var output = cli.PathOf("gate.sarif");
        Telemetry? telemetry = variant switch
        {
            "pass" => new Telemetry(),
            "block" => new Telemetry { InteractiveLatencyMs = 900 },
            "rollback" => new Telemetry { CandidateErrorPercent = 5 },
            _ => null,
        };
        string[] extra = telemetry is null ? [] : ["--telemetry", cli.Write("t.csv", telemetry.Csv())];

        var result = cli.Gate(["--format", "sarif", "--output", output, .. extra]);

        Assert.AreEqual(variant, Gate.Writers.Words.Of(result.Record.Verdict), result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllText(output));
        SarifSchema.AssertValid(document.RootElement);
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.AreEqual(result.Record.Findings.Count, results.GetArrayLength());
        var failed = results.EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "fail").ToList();
        Assert.AreEqual(result.Record.Findings.Count(f => f.Outcome == Outcome.Fail), failed.Count);
    }

    [TestMethod]
    public void Sarif_LocatesFindingsRelativeToTheRepository_WhereCodeScanningLooksForThem()
    {
        using var cli = new Cli();

        // The tests run inside this repository's checkout: its root is what %SRCROOT% stands for.
        var result = cli.Gate("--format", "sarif");

        using var document = JsonDocument.Parse(result.Output);
        var run = document.RootElement.GetProperty("runs")[0];
        var root = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.IsTrue(Uri.TryCreate(root, UriKind.Absolute, out var rootUri) && rootUri.IsFile && root.EndsWith('/'), root);
        var location = run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        Assert.AreEqual("%SRCROOT%", location.GetProperty("uriBaseId").GetString());
        var uri = location.GetProperty("uri").GetString()!;
        Assert.AreEqual("rules/PolicyEngine.Rules.Sample/SupportAssistant.cs", uri);
        Assert.IsTrue(File.Exists(new Uri(rootUri, uri).LocalPath), "the location resolves to the guardrail's source file");
    }

    [TestMethod]
    public void Sarif_OutsideACheckout_SaysWhatItsBaseMeans_WithoutGuessingAPath()
    {
        using var cli = new Cli();
        var before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(cli.Root);
        try
        {
            var result = cli.Gate("--format", "sarif");

            using var document = JsonDocument.Parse(result.Output);
            SarifSchema.AssertValid(document.RootElement);
            var root = document.RootElement.GetProperty("runs")[0].GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%");
            Assert.IsFalse(root.TryGetProperty("uri", out _), root.ToString());
            StringAssert.Contains(root.GetProperty("description").GetProperty("text").GetString(), "repository");
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
    }

    [TestMethod]
    public void Sarif_CarriesNoGuidTheOasisPatternRefuses_AndStableFingerprints()
    {
        using var cli = new Cli();
        string[] Fingerprints(JsonDocument document) =>
            [.. document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("partialFingerprints").GetProperty("policyengine/v1").GetString()!)];

        using var first = JsonDocument.Parse(cli.Gate("--format", "sarif").Output);
        using var second = JsonDocument.Parse(cli.Gate("--format", "sarif").Output);

        // The official OASIS 2.1.0 schema allows GUIDs of versions 1 to 5 only; a decision id is version 7.
        var guid = new System.Text.RegularExpressions.Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$");
        var automation = first.RootElement.GetProperty("runs")[0].GetProperty("automationDetails");
        Assert.IsFalse(automation.TryGetProperty("guid", out var g) && !guid.IsMatch(g.GetString()!), "no guid the official schema refuses");
        Assert.StartsWith("policyengine/PolicyEngine.Rules.Sample/", automation.GetProperty("id").GetString());
        CollectionAssert.AreEqual(Fingerprints(first), Fingerprints(second), "the same findings fingerprint alike from run to run");
        Assert.AreEqual(Fingerprints(first).Length, Fingerprints(first).Distinct().Count(), "each guardrail and slice its own");
    }

    [TestMethod]
    public void OutputDash_IsStandardOutput_NotAFileNamedDash()
    {
        using var cli = new Cli();
        var before = Directory.GetCurrentDirectory();
        Result result;
        try
        {
            Directory.SetCurrentDirectory(cli.Root);
            result = cli.Gate("--format", "json", "--output", "-");
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.IsFalse(File.Exists(cli.PathOf("-")), "no file named -");
        using var document = JsonDocument.Parse(result.Output);
        Assert.AreEqual("warn", document.RootElement.GetProperty("verdict").GetString());
    }

    [TestMethod]
    public void Github_AnnotatesWhatDidNotPass_AtTheGuardrail_AndTheVerdict()
    {
        using var cli = new Cli();
        var slow = cli.Write("t.csv", new Telemetry { InteractiveLatencyMs = 900 }.Csv());

        var result = cli.Gate("--format", "github", "--telemetry", slow);

        Assert.AreEqual(1, result.Exit, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("::group::PolicyEngine: support-assistant 2.1.0, stage canary", lines[0]);
        Assert.IsTrue(lines.Any(l => l.StartsWith("::error file=rules/PolicyEngine.Rules.Sample/SupportAssistant.cs,line=", StringComparison.Ordinal) && l.Contains("title=support-assistant/interactive-p95 [interactive]::fail: P95 latency", StringComparison.Ordinal)), result.Output);
        Assert.Contains("::endgroup::", lines);
        Assert.IsTrue(lines.Any(l => l.StartsWith("::error title=PolicyEngine verdict::BLOCK (exit 1)", StringComparison.Ordinal)), result.Output);
        Assert.IsFalse(lines.Any(l => l.StartsWith("::", StringComparison.Ordinal) && l.Contains(" passed ", StringComparison.Ordinal) && l.StartsWith("::error", StringComparison.Ordinal)), "a pass is not annotated");
    }

    [TestMethod]
    public void Github_EscapesDataSoItCannotStartACommand()
    {
        using var cli = new Cli();
        // A role that is no role: the error names the value, and the value tries to start commands of its own.
        var telemetry = cli.Write("t.csv", "role,latency_ms\n\"x%0A::error::pwned\r\n::warning::y\",10\n");

        var result = cli.Gate("--format", "github", "--telemetry", telemetry);

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("::error title=PolicyEngine input::", result.Output);
        foreach (var line in result.Output.Split('\n'))
        {
            Assert.IsFalse(line.StartsWith("::error::pwned", StringComparison.Ordinal) || line.StartsWith("::warning::y", StringComparison.Ordinal), line);
        }

        Assert.Contains("x%250A", result.Output, "a % in data is encoded");
    }

    [TestMethod]
    public void FailOnWarn_MakesAWarningFail_WithACodeOfItsOwn_AndSaysSoEverywhere()
    {
        using var cli = new Cli();
        var junit = cli.PathOf("junit.xml");

        var warned = cli.Gate("--fail-on-warn", "--format", "junit", "--output", junit);
        var blocked = cli.Gate("--fail-on-warn", "--stage", "full", "--telemetry", cli.Write("t.csv", new Telemetry { Slices = ["billing", "search"] }.Csv()));

        Assert.AreEqual(5, warned.Exit, warned.ToString());
        Assert.AreEqual(Verdict.Warn, warned.Record.Verdict);
        Assert.AreEqual(5, warned.Record.ExitCode, "the record says what the pipeline saw");
        Assert.IsNotNull(XDocument.Load(junit).Descendants("testcase").Single(c => (string)c.Attribute("name")! == "verdict").Element("failure"), "and JUnit is red with it");
        Assert.AreEqual(1, blocked.Exit, "a block keeps its own code");
        using var record = JsonDocument.Parse(File.ReadAllText(warned.Records.Single()));
        Assert.IsEmpty(PolicyEngine.Gate.Inputs.SchemaCheck.Check(record.RootElement, "decision-record"));
    }


    [TestMethod]
    public void Sarif_OfARunStoppedByBadInput_StillValidates_AndSaysItFailed()
    {
        using var cli = new Cli();
        var output = cli.PathOf("gate.sarif");

        cli.Gate("--format", "sarif", "--output", output, "--telemetry", cli.Write("t.csv", ""));

        using var document = JsonDocument.Parse(File.ReadAllText(output));
        SarifSchema.AssertValid(document.RootElement);
        var invocation = document.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.IsFalse(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.AreEqual(4, invocation.GetProperty("exitCode").GetInt32());
    }

    [TestMethod]
    public void Junit_OfAWarn_IsGreen_LikeItsExitCode_WithTheWarningSkipped()
    {
        using var cli = new Cli();
        var output = cli.PathOf("junit.xml");

        var result = cli.Gate("--format", "junit", "--output", output);

        Assert.AreEqual(0, result.Exit);
        var cases = XDocument.Load(output).Descendants("testcase").ToList();
        Assert.HasCount(result.Record.Findings.Count + 1, cases, "a case per finding and the verdict");
        Assert.IsEmpty(cases.Where(c => c.Element("failure") is not null || c.Element("error") is not null), "exit 0 is green");
        var warning = cases.Single(c => (string)c.Attribute("name")! == "support-assistant/interactive-ttft-p99 [interactive]");
        Assert.StartsWith("fail (warn only)", (string)warning.Element("skipped")!.Attribute("message")!);
    }

    [TestMethod]
    [DataRow("full", 1, DisplayName = "a slice without data outside the canary blocks")]
    [DataRow("canary", 3, DisplayName = "a slice without data in the canary holds")]
    public void Junit_OfANonZeroExit_IsRed_EvenWhenNoFindingFailedAlone(string stage, int exit)
    {
        using var cli = new Cli();
        var output = cli.PathOf("junit.xml");
        var few = cli.Write("t.csv", new Telemetry { Slices = ["billing", "search"] }.Csv());

        var result = cli.Gate("--format", "junit", "--output", output, "--stage", stage, "--telemetry", few);

        Assert.AreEqual(exit, result.Exit, result.ToString());
        var suite = XDocument.Load(output).Descendants("testsuite").Single();
        var verdict = suite.Elements("testcase").Single(c => (string)c.Attribute("name")! == "verdict");
        Assert.IsNotNull(verdict.Element("failure"), "a non-zero exit is red");
        Assert.AreNotEqual("0", (string)suite.Attribute("failures")!);
    }

    [TestMethod]
    public void Junit_OfABadInput_IsAnError_NotAnEmptyGreenSuite()
    {
        using var cli = new Cli();
        var output = cli.PathOf("junit.xml");

        cli.Gate("--format", "junit", "--output", output, "--telemetry", cli.PathOf("absent.csv"));

        var error = XDocument.Load(output).Descendants("testcase").Single(c => (string)c.Attribute("name")! == "inputs").Element("error");
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
