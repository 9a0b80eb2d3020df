namespace PolicyEngine.Cli.Tests;

/// <summary>validate, docs, evidence sign and the command line's own errors.</summary>
[TestClass]
public sealed class CommandTests
{
    [TestMethod]
    public void Validate_SampleInputs_AreValid()
    {
        using var cli = new Cli();

        var result = cli.Run("validate", "--rollout", SampleFiles.Rollout, "--telemetry", SampleFiles.Telemetry, "--eval-report", SampleFiles.EvaluationReport,
            "--evidence", SampleFiles.Evidence, "--trust", SampleFiles.Trust);

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.Contains("3000 rows; roles baseline, candidate; slices billing, interactive, search", result.Output);
        Assert.Contains("3 items; 2 signed by a trusted key, 1 unsigned", result.Output);
        Assert.IsEmpty(result.Records, "validate decides nothing");
    }

    [TestMethod]
    public void Validate_ListsEverySchemaViolation()
    {
        using var cli = new Cli();
        var report = cli.Write("r.json", "{ \"results\": [ { \"role\": \"judge\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": \"high\" } ] }");

        var result = cli.Run("validate", "--eval-report", report);

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("does not match docs/schemas/evaluation-report.schema.json", result.Output);
        Assert.Contains("/results/0/role", result.Output);
        Assert.Contains("/results/0/value", result.Output);
    }

    [TestMethod]
    public void Validate_BadTelemetry_NamesTheRow()
    {
        using var cli = new Cli();

        var result = cli.Run("validate", "--telemetry", cli.Write("t.csv", "latency_ms\n1\n-2\n"));

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("row 2 (line 3), column 'latency_ms'", result.Output);
    }

    [TestMethod]
    public void Docs_WritesThePacksRuleDocs()
    {
        using var cli = new Cli();
        var output = cli.PathOf("rules.md");

        var result = cli.Run("docs", "--sample", "--output", output);

        Assert.AreEqual(0, result.Exit, result.ToString());
        var docs = File.ReadAllText(output);
        StringAssert.StartsWith(docs, PolicyEngine.Rules.Sample.GuardrailPack.Instance.RuleDocs, "the generator's docs, then the build and sources");
        var informational = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(PolicyEngine.Rules.Sample.GuardrailPack).Assembly)!.InformationalVersion;
        StringAssert.Contains(docs, $"- Commit: `{informational[(informational.IndexOf('+') + 1)..]}`");
        StringAssert.Contains(docs, "- `support-assistant/interactive-p95`: rules/PolicyEngine.Rules.Sample/SupportAssistant.cs line 15");
        StringAssert.Contains(docs, "bool NoSliceRegression(SliceMetrics candidate, [Baseline] SliceMetrics baseline) => candidate.Accuracy >= baseline.Accuracy - 0.01");
        StringAssert.Contains(docs, "Guardrails for the support-assistant model family");
        StringAssert.Contains(docs, "| PE0001 |");
    }

    [TestMethod]
    public void Docs_AsJson_ListEveryGuardrailWithItsBuildAndSource()
    {
        using var cli = new Cli();

        var result = cli.Run("docs", "--sample", "--format", "json");

        Assert.AreEqual(0, result.Exit, result.ToString());
        using var docs = System.Text.Json.JsonDocument.Parse(result.Output);
        var pack = PolicyEngine.Rules.Sample.GuardrailPack.Instance;
        Assert.AreEqual(pack.Fingerprint, docs.RootElement.GetProperty("fingerprint").GetString());
        Assert.AreEqual(pack.Guardrails.Count, docs.RootElement.GetProperty("guardrails").GetArrayLength());
        var p95 = docs.RootElement.GetProperty("guardrails").EnumerateArray().Single(g => g.GetProperty("id").GetString() == "support-assistant/interactive-p95");
        Assert.AreEqual("P95 request latency ≤ 500 ms on slice 'interactive'", p95.GetProperty("requirement").GetString());
        Assert.AreEqual("rules/PolicyEngine.Rules.Sample/SupportAssistant.cs line 15", p95.GetProperty("source").GetString());
        Assert.MatchesRegex("^[0-9a-f]{40}$", docs.RootElement.GetProperty("commit").GetString()!);
    }

    [TestMethod]
    public void Docs_AsHtml_IsOneSelfContainedPage_WithEveryTextEscaped()
    {
        using var cli = new Cli();

        // This test assembly's pack (FaultyGuardrails.cs) is written to break things.
        var result = cli.Run("docs", "--policy", typeof(CommandTests).Assembly.Location, "--format", "html");

        Assert.AreEqual(0, result.Exit, result.ToString());
        StringAssert.StartsWith(result.Output, "<!DOCTYPE html>");
        Assert.DoesNotContain("<script", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", result.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", result.Output, StringComparison.OrdinalIgnoreCase);
        var sample = cli.Run("docs", "--sample", "--format", "html");
        StringAssert.Contains(sample.Output, "<code>support-assistant/interactive-p95</code>");
        StringAssert.Contains(sample.Output, "P95 request latency ≤ 500 ms on slice &#39;interactive&#39;");
    }

    [TestMethod]
    public void EvidenceSign_ProducesSignaturesTheGateTrusts()
    {
        using var cli = new Cli();
        var evidence = cli.Write("e.json", SampleEvidence.Document(
            SampleEvidence.Item("pii-review", "privacy@contoso.example", "2026-10-01T09:30:00Z", sign: false),
            SampleEvidence.Item("red-team", "red-team@contoso.example", "2026-11-20T16:00:00Z", sign: false)));
        foreach (var name in new[] { "privacy", "red-team" })
        {
            var signed = cli.Run("evidence", "sign", evidence, "--key", Path.Combine(SampleFiles.Directory, "keys", $"{name}.pem"), "--key-id", $"{name}-2026", "--issuer", $"{name}@contoso.example");
            Assert.AreEqual(0, signed.Exit, signed.ToString());
        }

        var result = cli.Gate("--evidence", evidence, "--telemetry", cli.Write("t.csv", new Telemetry().Csv()));

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.AreEqual(Evaluation.Verdict.Pass, result.Record.Verdict);
    }

    [TestMethod]
    [DataRow("gate")]
    [DataRow("gate", "--sample", "--policy", "x.dll")]
    [DataRow("gate", "--sample", "--format", "xml")]
    [DataRow("gate", "--sample", "--stage", "beta")]
    [DataRow("gate", "--sample", "--bogus")]
    [DataRow("frobnicate")]
    [DataRow("validate")]
    [DataRow("docs")]
    public void WrongCommandLine_IsUsage64(params string[] args)
    {
        using var cli = new Cli();

        var result = cli.Run(args);

        Assert.AreEqual(64, result.Exit, result.ToString());
        Assert.IsFalse(string.IsNullOrWhiteSpace(result.Error), "a usage error says what is wrong");
    }

    [TestMethod]
    public void Help_ListsTheCommands()
    {
        using var cli = new Cli();

        var result = cli.Run("--help");

        Assert.AreEqual(0, result.Exit);
        foreach (var command in new[] { "gate", "validate", "docs", "evidence" })
        {
            Assert.Contains(command, result.Output);
        }
    }
}
