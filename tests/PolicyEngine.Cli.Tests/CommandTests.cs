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
        Assert.AreEqual(PolicyEngine.Rules.Sample.GuardrailPack.Instance.RuleDocs, File.ReadAllText(output));
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
