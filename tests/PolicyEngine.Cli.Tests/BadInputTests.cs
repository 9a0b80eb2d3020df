using PolicyEngine.Evaluation;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The bad-input matrix: each broken input ends in a non-zero exit and a message naming the file, where in it
/// and what was expected; none ever passes, and each run still leaves a decision record.
/// </summary>
[TestClass]
public sealed class BadInputTests
{
    [TestMethod]
    [DataRow("missing file", "--telemetry", "absent.csv", null, "absent.csv: file not found")]
    [DataRow("empty file", "--telemetry", "t.csv", "", "t.csv: file is empty")]
    [DataRow("header only", "--telemetry", "t.csv", "role,slice,latency_ms\n", "t.csv: has no rows; expected one row per request")]
    [DataRow("wrong column type", "--telemetry", "t.csv", "latency_ms,error\n12,false\n13,sometimes\n", "t.csv: row 2 (line 3), column 'error': value 'sometimes' is not true or false")]
    [DataRow("negative latency", "--telemetry", "t.csv", "latency_ms\n12\n-1\n", "t.csv: row 2 (line 3), column 'latency_ms': value '-1' is not a finite number of zero or more")]
    [DataRow("NaN latency", "--telemetry", "t.csv", "latency_ms\nNaN\n", "t.csv: row 1 (line 2), column 'latency_ms': value 'NaN' is not a finite number of zero or more")]
    [DataRow("missing required column", "--telemetry", "t.csv", "slice,ttft_ms\nbilling,12\n", "t.csv: column 'latency_ms': required column is missing")]
    [DataRow("corrupt Parquet", "--telemetry", "t.parquet", "PAR1 not really", "t.parquet: cannot be read as Parquet")]
    [DataRow("malformed JSON lines", "--telemetry", "t.jsonl", "{\"latency_ms\": 1}\n{\"latency_ms\": \n", "t.jsonl: cannot be read as JSON lines")]
    [DataRow("malformed JSON report", "--eval-report", "r.json", "{ \"results\": [ { \"role\": \"candidate\", ", "r.json: results[0] (line 1, byte 39): is not valid JSON")]
    [DataRow("report value of wrong type", "--eval-report", "r.json", "{ \"results\": [ { \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": \"high\" } ] }", "r.json: results[0].value (line 1, byte")]
    [DataRow("report NaN value", "--eval-report", "r.json", "{ \"results\": [ { \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": \"NaN\" } ] }", "r.json: results[0].value: got NaN; expected a finite number")]
    [DataRow("report unknown layer", "--eval-report", "r.json", "{ \"results\": [ { \"role\": \"candidate\", \"layer\": \"vibes\", \"metric\": \"accuracy\", \"value\": 0.9 } ] }", "r.json: results[0].layer: got 'vibes'; expected academic, production-offline, adversarial or business")]
    [DataRow("report misspelt field", "--eval-report", "r.json", "{ \"result\": [] }", "r.json: result (line 1, byte")]
    [DataRow("report for another model", "--eval-report", "r.json", "{ \"model\": \"chat-bot\", \"results\": [ { \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": 0.9 } ] }", "r.json: model: got 'chat-bot'; the release is 'support-assistant'")]
    [DataRow("evidence without issuer", "--evidence", "e.json", "{ \"items\": [ { \"kind\": \"pii-review\", \"subject\": { \"model\": \"support-assistant\", \"version\": \"2.1.0\" }, \"issuedAt\": \"2026-10-01T00:00:00Z\", \"digest\": \"sha256:00\" } ] }", "e.json: items[0].issuer: is missing")]
    [DataRow("trust key not PEM", "--trust", "k.json", "{ \"keys\": [ { \"id\": \"k\", \"issuer\": \"i\", \"publicKey\": \"hello\" } ] }", "k.json: keys[0].publicKey: is not a PEM public key")]
    [DataRow("rollout with unknown stage", "--rollout", "r.json", "{ \"model\": \"m\", \"version\": \"1\", \"lever\": \"scale\", \"stage\": \"beta\" }", "r.json: stage: got 'beta'; expected offline, canary or full")]
    public void BrokenInput_ErrorsWithWhereAndWhat(string scenario, string option, string name, string? content, string message)
    {
        using var cli = new Cli();
        var path = content is null ? cli.PathOf(name) : cli.Write(name, content);

        var result = cli.Gate(option, path);

        Assert.AreEqual(4, result.Exit, $"{scenario}: {result}");
        Assert.Contains(message, result.Error, $"{scenario}: {result}");
        Assert.AreEqual(Verdict.Error, result.Record.Verdict, scenario);
        Assert.Contains(message, result.Record.Errors.Single(), scenario);
        Assert.IsEmpty(result.Record.Findings, $"{scenario}: no judgement rests on a broken input");
    }

    [TestMethod]
    public void GuardrailNamingAnAbsentSlice_HoldsInCanary()
    {
        using var cli = new Cli();

        var result = cli.Gate("--telemetry", cli.Write("t.csv", new Telemetry { Slices = ["billing", "search"] }.Csv()));

        Assert.AreEqual(3, result.Exit, result.ToString());
        var finding = result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/interactive-p95");
        Assert.AreEqual(Outcome.Inconclusive, finding.Outcome);
        Assert.AreEqual("no candidate telemetry for slice 'interactive'", finding.Reason);
    }

    [TestMethod]
    public void TamperedEvidence_FailsItsSignature_AndBlocks()
    {
        using var cli = new Cli();
        var items = SampleEvidence.Valid();
        items[0] = items[0].Replace("2026-10-01T09:30:00Z", "2026-11-01T09:30:00Z", StringComparison.Ordinal);

        var result = cli.Gate("--evidence", cli.Write("e.json", SampleEvidence.Document(items)));

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Block, result.Record.Verdict);
        Assert.AreEqual("'pii-review' evidence from privacy@contoso.example has a signature that does not verify",
            result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/pii-review").Reason);
    }

    [TestMethod]
    public void EvidenceSignedWithAnotherIssuersKey_IsUntrusted_AndBlocks()
    {
        using var cli = new Cli();
        var forged = SampleEvidence.Item("pii-review", "privacy@contoso.example", "2026-10-01T09:30:00Z", sign: false);
        var signedByRedTeam = SampleEvidence.Item("red-team", "red-team@contoso.example", "2026-11-20T16:00:00Z");
        var signature = System.Text.Json.Nodes.JsonNode.Parse(signedByRedTeam)!["signature"]!.ToJsonString();
        forged = forged[..^1] + $", \"signature\": {signature} }}";

        var result = cli.Gate("--evidence", cli.Write("e.json", SampleEvidence.Document(forged, signedByRedTeam)));

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.Contains("signed by a key that is not trusted", result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/pii-review").Reason);
    }

    [TestMethod]
    [DataRow("too old", "2027-01-15T00:00:00Z", "support-assistant/pii-review", "'pii-review' evidence from privacy@contoso.example is 105 days old; it expires after 90")]
    [DataRow("past its expiry", "2027-06-01T00:00:00Z", "support-assistant/red-team-sign-off", "'red-team' evidence from red-team@contoso.example expired on 2027-05-20 16:00:00Z")]
    public void ExpiredEvidence_Blocks(string scenario, string asOf, string guardrail, string reason)
    {
        using var cli = new Cli();
        var items = new[]
        {
            SampleEvidence.Item("pii-review", "privacy@contoso.example", asOf == "2027-06-01T00:00:00Z" ? "2027-05-01T00:00:00Z" : "2026-10-01T09:30:00Z"),
            SampleEvidence.Item("red-team", "red-team@contoso.example", "2026-11-20T16:00:00Z", expiresAt: "2027-05-20T16:00:00Z"),
        };

        var result = cli.Gate("--as-of", asOf, "--evidence", cli.Write("e.json", SampleEvidence.Document(items)));

        Assert.AreEqual(1, result.Exit, $"{scenario}: {result}");
        Assert.AreEqual(reason, result.Record.Findings.Single(f => f.GuardrailId == guardrail).Reason, scenario);
    }

    [TestMethod]
    public void EvidenceForAnotherModel_Blocks()
    {
        using var cli = new Cli();
        var items = new[]
        {
            SampleEvidence.Item("pii-review", "privacy@contoso.example", "2026-10-01T09:30:00Z", model: "chat-bot"),
            SampleEvidence.Item("red-team", "red-team@contoso.example", "2026-11-20T16:00:00Z"),
        };

        var result = cli.Gate("--evidence", cli.Write("e.json", SampleEvidence.Document(items)));

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.AreEqual("'pii-review' evidence is for chat-bot 2.1.0, not for support-assistant 2.1.0",
            result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/pii-review").Reason);
    }

    [TestMethod]
    public void TelemetryOfAnotherModel_Errors()
    {
        using var cli = new Cli();

        var result = cli.Gate("--telemetry", cli.Write("t.csv", new Telemetry { Model = "chat-bot" }.Csv()));

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("column 'model': value 'chat-bot' names another model on a candidate row; the release is 'support-assistant'", result.Error);
    }

    [TestMethod]
    [DataRow("not an assembly", "not a dll at all")]
    [DataRow("empty", "")]
    public void UnreadablePolicyAssembly_Errors(string scenario, string content)
    {
        using var cli = new Cli();
        var path = cli.Write("Guardrails.dll", content);

        var result = cli.Run("gate", "--policy", path, "--rollout", SampleFiles.Rollout);

        Assert.AreEqual(4, result.Exit, $"{scenario}: {result}");
        Assert.Contains($"{path}: ", result.Error, scenario);
        Assert.Contains("ERROR", result.Output, scenario);
    }

    [TestMethod]
    public void AssemblyWithoutGuardrails_Errors()
    {
        using var cli = new Cli();

        var result = cli.Run("gate", "--policy", typeof(Spectre.Console.AnsiConsole).Assembly.Location, "--rollout", SampleFiles.Rollout);

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("holds no guardrail pack", result.Error);
        Assert.AreEqual(Verdict.Error, result.Record.Verdict, "a policy without a pack still leaves a record");
        Assert.Contains("holds no guardrail pack", result.Record.Reason);
    }
}
