using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// Signed waivers end to end: an approver signs, the gate waives the failed finding it covers and every output
/// says so; every waiver that may not be used is refused with the reason, and the failure stands.
/// </summary>
[TestClass]
public sealed class WaiverTests
{
    private const string Guardrail = "support-assistant/interactive-p95";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [TestMethod]
    public void ASignedWaiver_WaivesTheFailure_AndEveryOutputShowsIt()
    {
        using var cli = new Cli();
        var waivers = Signed(cli, Waiver());
        var sarif = cli.PathOf("gate.sarif");

        var result = cli.Gate("--telemetry", Slow(cli), "--waivers", waivers, "--format", "sarif", "--output", sarif);

        Assert.AreEqual(0, result.Exit, result.ToString());
        var record = result.Record;
        Assert.AreEqual(Verdict.Pass, record.Verdict);
        StringAssert.Contains(record.Reason, $"failed but were waived ({Guardrail})");
        var finding = record.Findings.Single(f => f.GuardrailId == Guardrail);
        Assert.AreEqual(Outcome.Waived, finding.Outcome);
        StringAssert.Contains(finding.Reason, "waived by privacy@contoso.example (RISK-42");
        Assert.AreEqual("applied", record.Waivers.Single().Status);
        using (var stored = JsonDocument.Parse(File.ReadAllText(result.Records.Single())))
        {
            var problems = Gate.Inputs.SchemaCheck.Check(stored.RootElement, "decision-record");
            Assert.IsEmpty(problems, string.Join("\n", problems));
        }

        StringAssert.Contains(result.Output, "waiver applied:", result.Output);

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        SarifSchema.AssertValid(log.RootElement);
        var waived = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == Guardrail);
        var suppression = waived.GetProperty("suppressions")[0];
        Assert.AreEqual("accepted", suppression.GetProperty("status").GetString());
        StringAssert.Contains(suppression.GetProperty("justification").GetString(), "Tail latency from a known cold-cache path; fix ships in 2.1.1 (waiver approved by privacy@contoso.example, ticket RISK-42");

        var markdown = cli.Gate("--telemetry", Slow(cli), "--waivers", waivers, "--format", "markdown").Output;
        StringAssert.Contains(markdown, "| applied | `support-assistant/interactive-p95` | interactive | 2.1.* | privacy@contoso.example | RISK-42 |");
        var junit = cli.Gate("--telemetry", Slow(cli), "--waivers", waivers, "--format", "junit").Output;
        StringAssert.Contains(junit, "waived: waived by privacy@contoso.example");
    }

    [TestMethod]
    [DataRow("unsigned", "it is not signed")]
    [DataRow("signed by another approver's key", "it is signed with a key the trust file does not give privacy@contoso.example")]
    [DataRow("edited after signing", "its signature does not match its content")]
    [DataRow("for another model", "it is for model chat-bot, not support-assistant")]
    [DataRow("every guardrail", "it is over-broad")]
    [DataRow("every version", "it is over-broad")]
    [DataRow("a year long", "it is over-broad: it runs 365 days")]
    [DataRow("expired", "it expired on")]
    [DataRow("not yet in force", "it is not yet in force")]
    public void AWaiverThatMayNotBeUsed_IsRefusedWithTheReason_AndTheFailureStands(string scenario, string reason)
    {
        using var cli = new Cli();
        var waiver = scenario switch
        {
            "for another model" => Waiver(model: "chat-bot"),
            "every guardrail" => Waiver(guardrail: "support-assistant/*"),
            "every version" => Waiver(versions: "*"),
            "a year long" => Waiver(issued: Now.AddDays(-1), expires: Now.AddDays(364)),
            "expired" => Waiver(issued: Now.AddDays(-30), expires: Now.AddDays(-1)),
            "not yet in force" => Waiver(issued: Now.AddDays(2), expires: Now.AddDays(10)),
            _ => Waiver(),
        };
        var waivers = scenario switch
        {
            "unsigned" => cli.Write("waivers.json", Document(waiver)),
            "signed by another approver's key" => Signed(cli, waiver, key: "red-team", keyId: "red-team-2026"),
            "edited after signing" => Edited(Signed(cli, waiver)),
            _ => Signed(cli, waiver),
        };

        var result = cli.Gate("--telemetry", Slow(cli), "--waivers", waivers);

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.AreEqual(Outcome.Fail, result.Record.Findings.Single(f => f.GuardrailId == Guardrail).Outcome);
        var use = result.Record.Waivers.Single();
        Assert.AreEqual("refused", use.Status);
        StringAssert.Contains(use.Detail, reason);
        StringAssert.Contains(result.Output, "waiver refused:");
    }

    [TestMethod]
    public void AWaiverApprovedByTheReleasesOwnAuthor_IsRefused_WhenConfigured()
    {
        using var cli = new Cli();
        var waivers = Signed(cli, Waiver());
        (string Name, string? Value)[] environment = [("GITHUB_ACTIONS", "true"), ("GITHUB_ACTOR", "privacy@contoso.example"), ("POLICYENGINE_Gate__RefuseSelfApprovedWaivers", "true")];
        var saved = environment.Select(e => (e.Name, Environment.GetEnvironmentVariable(e.Name))).ToList();
        Result result;
        try
        {
            foreach (var (name, value) in environment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            result = cli.Gate("--telemetry", Slow(cli), "--waivers", waivers);
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        Assert.AreEqual(1, result.Exit, result.ToString());
        StringAssert.Contains(result.Record.Waivers.Single().Detail, "approved by the release's own author (privacy@contoso.example)");
        Assert.AreEqual("privacy@contoso.example", result.Record.Run!.Actor);
    }

    [TestMethod]
    public void AnInconclusiveFinding_IsNeverWaived()
    {
        using var cli = new Cli();
        var waivers = Signed(cli, Waiver(guardrail: "support-assistant/error-rate-regression", slice: null));

        // Too few requests for the error-rate threshold: inconclusive, so the canary holds, waiver or not.
        var result = cli.Gate("--telemetry", cli.Write("few.csv", new Telemetry { CandidatePerSlice = 20, BaselinePerSlice = 20 }.Csv()), "--waivers", waivers);

        Assert.AreEqual(Verdict.Hold, result.Record.Verdict, result.ToString());
        Assert.AreEqual(Outcome.Inconclusive, result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/error-rate-regression").Outcome);
        Assert.AreEqual("unused", result.Record.Waivers.Single().Status);
        StringAssert.Contains(result.Record.Waivers.Single().Detail, "errors and inconclusive findings are never waived");
    }

    [TestMethod]
    public void AWaiverForAnotherVersionLine_IsUnused()
    {
        using var cli = new Cli();
        var waivers = Signed(cli, Waiver(versions: "2.0.*"));

        var result = cli.Gate("--telemetry", Slow(cli), "--waivers", waivers);

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.AreEqual("unused", result.Record.Waivers.Single().Status);
        StringAssert.Contains(result.Record.Waivers.Single().Detail, "it covers versions 2.0.*, not 2.1.0");
    }

    [TestMethod]
    public async Task Serve_TakesWaiversInTheRequest_CheckedAgainstItsOwnTrustFile()
    {
        using var cli = new Cli();
        var signed = File.ReadAllText(Signed(cli, Waiver()));
        await using var server = await ServeServer.Start();
        var telemetry = server.Write("slow.csv", new Telemetry { InteractiveLatencyMs = 900 }.Csv());

        using var response = await server.Client.PostAsync("/v1/argo/gate", new StringContent(
            $$"""{ "rollout": "rollout.json", "telemetry": "{{telemetry}}", "evaluationReport": "evaluation-report.json", "evidence": "evidence.json", "waivers": {{signed}} }""",
            System.Text.Encoding.UTF8, "application/json"));

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("pass", answer.RootElement.GetProperty("verdict").GetString(), answer.RootElement.ToString());
    }

    [TestMethod]
    public void Validate_ChecksAWaiverFile_AndItsSignatures()
    {
        using var cli = new Cli();
        var waivers = Signed(cli, Waiver());

        var trusted = cli.Run("validate", "--waivers", waivers, "--trust", SampleFiles.Trust);
        var untrusted = cli.Run("validate", "--waivers", waivers);
        var broken = cli.Run("validate", "--waivers", cli.Write("w.json", """{ "waivers": [ { "guardrail": 7 } ] }"""));

        Assert.AreEqual(0, trusted.Exit, trusted.ToString());
        StringAssert.Contains(trusted.Output, "1 waivers; 1 signed by a key trusted for its approver");
        StringAssert.Contains(untrusted.Output, "signed by a key not trusted for its approver (give --trust)");
        Assert.AreEqual(4, broken.Exit, broken.ToString());
        StringAssert.Contains(broken.Output, "waivers.schema.json");
    }

    [TestMethod]
    public void AMalformedWaiverFile_IsAnErrorNamingTheField()
    {
        using var cli = new Cli();
        var waivers = cli.Write("waivers.json", """{ "waivers": [ { "guardrail": "x", "model": "support-assistant" } ] }""");

        var result = cli.Gate("--waivers", waivers);

        Assert.AreEqual(4, result.Exit, result.ToString());
        StringAssert.Contains(result.Record.Errors.Single(), "waivers[0].versions");
    }

    private static JsonObject Waiver(string guardrail = Guardrail, string? slice = "interactive", string model = "support-assistant", string versions = "2.1.*", DateTimeOffset? issued = null, DateTimeOffset? expires = null)
    {
        var waiver = new JsonObject
        {
            ["guardrail"] = guardrail,
            ["model"] = model,
            ["versions"] = versions,
            ["reason"] = "Tail latency from a known cold-cache path; fix ships in 2.1.1",
            ["ticket"] = "RISK-42",
            ["approver"] = "privacy@contoso.example",
            ["issued"] = (issued ?? Now.AddDays(-1)).ToString("O"),
            ["expires"] = (expires ?? Now.AddDays(14)).ToString("O"),
        };
        if (slice is not null)
        {
            waiver["slice"] = slice;
        }

        return waiver;
    }

    private static string Document(JsonObject waiver) => new JsonObject { ["waivers"] = new JsonArray(waiver) }.ToJsonString();

    private static string Signed(Cli cli, JsonObject waiver, string key = "privacy", string keyId = "privacy-2026")
    {
        var path = cli.Write($"waivers-{Guid.NewGuid():N}.json", Document(waiver));
        var signed = cli.Run("waivers", "sign", path, "--key", Path.Combine(SampleFiles.Directory, "keys", $"{key}.pem"), "--key-id", keyId);
        Assert.AreEqual(0, signed.Exit, signed.ToString());
        return path;
    }

    private static string Edited(string path)
    {
        var document = JsonNode.Parse(File.ReadAllText(path))!;
        document["waivers"]![0]!["reason"] = "edited after it was signed";
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    private static string Slow(Cli cli) => cli.Write($"slow-{Guid.NewGuid():N}.csv", new Telemetry { InteractiveLatencyMs = 900 }.Csv());
}
