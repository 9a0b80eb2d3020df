using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli.Tests;

/// <summary><c>policyengine serve</c> over real HTTP on loopback: the CLI's decisions, in the shapes Argo and Flagger send and read.</summary>
[TestClass]
public sealed class ServeTests
{
    private const string Inputs = "\"rollout\": \"rollout.json\", \"evaluationReport\": \"evaluation-report.json\", \"evidence\": \"evidence.json\"";

    [TestMethod]
    [DataRow("pass")]
    [DataRow("block")]
    [DataRow("rollback")]
    public async Task Gate_DecidesAsTheCliDoes_OnTheSameInputs(string variant)
    {
        var telemetry = Variant(variant);
        await using var server = await ServeServer.Start();
        using var cli = new Cli();
        var local = cli.Gate("--telemetry", cli.Write("t.csv", telemetry.Csv()));

        using var response = await server.Client.PostAsync("/v1/gate", Json($$"""{ {{Inputs}}, "telemetry": "{{server.Write("t.csv", telemetry.Csv())}}" }"""));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadAsStringAsync();
        var served = DecisionRecordJson.Read(body);
        Assert.AreEqual(variant, Gate.Writers.Words.Of(served.Verdict));
        Assert.AreEqual(local.Record.Verdict, served.Verdict);
        Assert.AreEqual(local.Record.ExitCode, served.ExitCode);
        Assert.AreEqual(local.Record.Policy.Fingerprint, served.Policy.Fingerprint);
        CollectionAssert.AreEqual(
            local.Record.Findings.Select(f => $"{f.GuardrailId} {f.Slice} {f.Outcome} {f.Observed}").ToList(),
            served.Findings.Select(f => $"{f.GuardrailId} {f.Slice} {f.Outcome} {f.Observed}").ToList());

        // Stored exactly as the CLI stores it, and served back by id.
        var stored = server.RecordFiles().Single(p => p.Contains(served.DecisionId.ToString("N"), StringComparison.Ordinal));
        Assert.AreEqual(File.ReadAllText(stored), body, "the answer is the stored record");
        Assert.AreEqual($"/v1/records/{served.DecisionId}", response.Headers.Location?.ToString());
        using var byId = await server.Client.GetAsync(response.Headers.Location);
        Assert.AreEqual(served.DecisionId, DecisionRecordJson.Read(await byId.Content.ReadAsStringAsync()).DecisionId);
    }

    [TestMethod]
    public async Task Gate_InlineDocuments_AreJudged_AndKeptBesideTheRecords()
    {
        await using var server = await ServeServer.Start();
        var report = File.ReadAllText(SampleFiles.EvaluationReport);

        using var response = await server.Client.PostAsync("/v1/gate", Json($$"""{ "rollout": "rollout.json", "evidence": "evidence.json", "telemetry": "{{server.Write("t.csv", new Telemetry().Csv())}}", "evaluationReport": {{report}} }"""));

        var record = DecisionRecordJson.Read(await response.Content.ReadAsStringAsync());
        Assert.AreEqual(Verdict.Pass, record.Verdict, record.Reason);
        var kept = Path.Combine(server.Settings.RecordDirectory, "inputs", record.DecisionId.ToString("N"), "evaluationReport.json");
        Assert.IsTrue(File.Exists(kept));
        Assert.IsTrue(record.Inputs.Any(i => i.Path == kept), "the record names the kept copy it judged");
    }

    [TestMethod]
    [DataRow("pass", true)]
    [DataRow("block", false)]
    public async Task ArgoWebMetric_PostWithJsonBody_AsArgoSendsIt_AnswersWhatItsSuccessConditionReads(string variant, bool pass)
    {
        await using var server = await ServeServer.Start();
        var telemetry = server.Write("t.csv", Variant(variant).Csv());
        // Argo's web provider (metricproviders/webmetric/webmetric.go): method POST, the jsonBody marshalled, Content-Type
        // application/json set, the template's headers added.
        var body = $$"""{"evaluationReport":"evaluation-report.json","evidence":"evidence.json","rollout":"rollout.json","telemetry":"{{telemetry}}","version":"2.1.0"}""";
        using (var sent = JsonDocument.Parse(body))
        {
            Assert.IsEmpty(Gate.Inputs.SchemaCheck.Check(sent.RootElement, "serve-gate-request"), "the request is what docs/schemas says");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/argo/gate") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await server.Client.SendAsync(request);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, "Argo counts only a 2xx JSON answer as a measurement");
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // jsonPath "{$}" hands the whole answer to the condition: successCondition "result.pass == true".
        Assert.AreEqual(pass, answer.RootElement.GetProperty("pass").GetBoolean());
        Assert.AreEqual(variant, answer.RootElement.GetProperty("verdict").GetString());
        Assert.AreEqual(pass ? 0 : 1, answer.RootElement.GetProperty("exitCode").GetInt32());
        Assert.IsEmpty(Gate.Inputs.SchemaCheck.Check(answer.RootElement, "serve-gate-answer"), "the answer is what docs/schemas says");
        Assert.AreEqual(1, server.RecordFiles().Length, "the decision is recorded");
    }

    [TestMethod]
    public async Task ArgoWebMetric_Get_TakesTheQuery()
    {
        await using var server = await ServeServer.Start();
        var telemetry = server.Write("t.csv", new Telemetry().Csv());

        using var response = await server.Client.GetAsync($"/v1/argo/gate?rollout=rollout.json&telemetry={telemetry}&evaluationReport=evaluation-report.json&evidence=evidence.json&stage=canary");

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("pass", answer.RootElement.GetProperty("verdict").GetString(), answer.RootElement.ToString());
        Assert.AreEqual("canary", answer.RootElement.GetProperty("stage").GetString());
    }

    [TestMethod]
    public async Task ArgoWebMetric_AGateThatCannotDecide_IsNoPass()
    {
        await using var server = await ServeServer.Start();
        var broken = server.Write("t.csv", "model,version\nx");

        using var response = await server.Client.GetAsync($"/v1/argo/gate?rollout=rollout.json&telemetry={broken}");

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("error", answer.RootElement.GetProperty("verdict").GetString());
        Assert.IsFalse(answer.RootElement.GetProperty("pass").GetBoolean(), "an error verdict never reads as a pass");
        Assert.AreEqual(4, answer.RootElement.GetProperty("exitCode").GetInt32());
    }

    [TestMethod]
    public async Task ARequestWithoutARelease_SaysTheRequestLacksIt_NotTheCommandLine()
    {
        await using var server = await ServeServer.Start();

        using var response = await server.Client.PostAsync("/v1/gate", new StringContent("""{ "telemetry": "telemetry.csv" }""", Encoding.UTF8, "application/json"));

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("error", answer.RootElement.GetProperty("verdict").GetString(), answer.RootElement.ToString());
        var reason = answer.RootElement.GetProperty("reason").GetString()!;
        StringAssert.Contains(reason, "rollout (the request's fields): model: is missing; expected the candidate model's name");
        Assert.DoesNotContain("command line", reason);
        Assert.DoesNotContain("(--model)", reason, "a request has fields, not options");
    }

    [TestMethod]
    [DataRow("rollout", "pass", 200)]
    [DataRow("rollout", "block", 409)]
    [DataRow("confirm-promotion", "pass", 200)]
    [DataRow("pre-rollout", "pass", 200)]
    [DataRow("rollback", "rollback", 200)]
    [DataRow("rollback", "pass", 409)]
    public async Task FlaggerWebhook_AnswersAsFlaggerReadsIt(string hook, string variant, int status)
    {
        await using var server = await ServeServer.Start();
        var telemetry = server.Write("t.csv", Variant(variant).Csv());
        // Flagger's CanaryWebhookPayload, POSTed as JSON (pkg/controller/webhook.go); a status above 202 is a "no".
        var payload = $$"""{"name":"support-assistant","namespace":"prod","phase":"Progressing","checksum":"6d8f4c","metadata":{"rollout":"rollout.json","telemetry":"{{telemetry}}","evaluationReport":"evaluation-report.json","evidence":"evidence.json","stage":"canary"} }""";

        using var response = await server.Client.PostAsync($"/v1/flagger/{hook}", Json(payload));

        Assert.AreEqual(status, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual(variant, answer.RootElement.GetProperty("verdict").GetString());
        Assert.AreEqual("support-assistant", answer.RootElement.GetProperty("model").GetString());
        Assert.IsEmpty(Gate.Inputs.SchemaCheck.Check(answer.RootElement, "serve-gate-answer"));
    }

    [TestMethod]
    public async Task ARecord_NamesWhoAskedAndWhatPackDecided()
    {
        await using var server = await ServeServer.Start();
        var payload = $$"""{"name":"support-assistant","namespace":"prod","phase":"Progressing","metadata":{"rollout":"rollout.json","telemetry":"{{server.Write("t.csv", new Telemetry().Csv())}}","evaluationReport":"evaluation-report.json","evidence":"evidence.json"} }""";

        using var response = await server.Client.PostAsync("/v1/flagger/rollout", Json(payload));

        var record = DecisionRecordJson.Read(File.ReadAllText(server.RecordFiles().Single()));
        Assert.AreEqual(new Gate.Records.ServeRequest("flagger", "127.0.0.1", "support-assistant.prod rollout"), record.Run!.Request);
        Assert.AreEqual(Environment.MachineName, record.Run.Host);
        var informational = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Rules.Sample.GuardrailPack).Assembly)!.InformationalVersion;
        Assert.AreEqual(informational, $"{record.Policy.Version}+{record.Policy.Commit}");
        Assert.MatchesRegex("^[0-9a-f]{40}$", record.Policy.Commit!, "the commit the sample pack was built from");
    }

    [TestMethod]
    public async Task FlaggerWebhook_TheHookSetsTheStage_WhenTheMetadataDoesNot()
    {
        await using var server = await ServeServer.Start();
        var payload = $$"""{"name":"support-assistant","namespace":"prod","phase":"Promoting","metadata":{"rollout":"rollout.json","telemetry":"{{server.Write("t.csv", new Telemetry().Csv())}}","evaluationReport":"evaluation-report.json","evidence":"evidence.json"} }""";

        using var response = await server.Client.PostAsync("/v1/flagger/confirm-promotion", Json(payload));

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.AreEqual("full", answer.RootElement.GetProperty("stage").GetString());
    }

    [TestMethod]
    public async Task FlaggerEvent_IsLoggedAndAccepted_WithoutAGate()
    {
        await using var server = await ServeServer.Start();
        var payload = """{"name":"support-assistant","namespace":"prod","phase":"Progressing","metadata":{"eventMessage":"Starting canary analysis for support-assistant.prod","eventType":"Normal","timestamp":"1764874800000"}}""";

        using var response = await server.Client.PostAsync("/v1/flagger/event", Json(payload));

        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
        Assert.IsEmpty(server.RecordFiles());
        Assert.IsTrue(server.Logs.Entries.Any(e => e.Contains("Starting canary analysis for support-assistant.prod", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("../outside.csv", DisplayName = "climbing out")]
    [DataRow("/etc/passwd", DisplayName = "an absolute path")]
    [DataRow("sub/../../outside.csv", DisplayName = "climbing out through a folder")]
    [DataRow("escape/outside.csv", DisplayName = "a link that leads out")]
    public async Task APathOutsideTheDataRoot_IsRefused_Logged_AndNothingIsRead(string path)
    {
        await using var server = await ServeServer.Start();
        File.WriteAllText(Path.Combine(server.Root, "outside.csv"), new Telemetry().Csv());
        Directory.CreateSymbolicLink(Path.Combine(server.Data, "escape"), server.Root);

        using var response = await server.Client.PostAsync("/v1/gate", Json($$"""{ {{Inputs}}, "telemetry": {{JsonSerializer.Serialize(path)}} }"""));

        await AssertProblem(response, HttpStatusCode.BadRequest, "telemetry");
        Assert.IsEmpty(server.RecordFiles(), "no gate ran");
        Assert.IsTrue(server.Logs.Entries.Any(e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("refused POST /v1/gate", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task WithTokens_ACallerWithoutOne_IsRefused_AndOneWithOne_IsServed()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tokens-{Guid.NewGuid():N}");
        File.WriteAllText(file, $"# rollout controllers\n{PolicyEngine.Cli.Serve.BearerTokens.Hash("s3cret-token")}\n");
        await using var server = await ServeServer.Start(s => s with { Tokens = PolicyEngine.Cli.Serve.BearerTokens.Load(file) });
        File.Delete(file);

        using var none = await server.Client.GetAsync("/v1/packs");
        using var wrong = await Send(server, "/v1/packs", "wrong-token");
        using var right = await Send(server, "/v1/packs", "s3cret-token");
        using var health = await server.Client.GetAsync("/healthz");
        using var basic = await Send(server, "/v1/packs", new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("flagger:s3cret-token"))));
        using var basicWrong = await Send(server, "/v1/packs", new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cret-token:wrong"))));

        await AssertProblem(none, HttpStatusCode.Unauthorized, "bearer token");
        Assert.AreEqual("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        await AssertProblem(wrong, HttpStatusCode.Unauthorized, "bearer token");
        Assert.AreEqual(HttpStatusCode.OK, right.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode, "health stays open to the orchestrator's probes");
        Assert.AreEqual(HttpStatusCode.OK, basic.StatusCode, "the token as a basic-auth password: credentials in a URL, as Flagger sends them");
        await AssertProblem(basicWrong, HttpStatusCode.Unauthorized, "bearer token");
    }

    [TestMethod]
    public async Task ABodyThatIsTooLargeNotJsonOrUnknown_IsRefusedSayingWhy()
    {
        await using var server = await ServeServer.Start(s => s with { MaxRequestBytes = 4096 });

        using var large = await server.Client.PostAsync("/v1/gate", Json($$"""{ "model": "{{new string('m', 8192)}}" }"""));
        using var notJson = await server.Client.PostAsync("/v1/gate", Json("{ not json"));
        using var unknown = await server.Client.PostAsync("/v1/gate", Json("""{ "telemetyr": "t.csv" }"""));
        using var text = await server.Client.PostAsync("/v1/gate", new StringContent("model=x", Encoding.UTF8, "text/plain"));

        await AssertProblem(large, HttpStatusCode.RequestEntityTooLarge, "larger");
        await AssertProblem(notJson, HttpStatusCode.BadRequest, "not a gate request");
        await AssertProblem(unknown, HttpStatusCode.BadRequest, "telemetyr");
        await AssertProblem(text, HttpStatusCode.UnsupportedMediaType, "JSON");
        Assert.IsEmpty(server.RecordFiles());
    }

    [TestMethod]
    public async Task BeyondTheConcurrencyLimit_ARequestIsRefusedWith429()
    {
        using var release = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        await using var server = await ServeServer.Start(s => s with
        {
            MaxConcurrent = 1,
            QueueLimit = 0,
            // Telemetry from a source that answers only when the test says so: the first gate is held in flight.
            Prometheus = (_, _, _, _, cancel) =>
            {
                started.Set();
                release.Wait(cancel);
                throw new InvalidOperationException("held");
            },
        });

        var first = server.Client.PostAsync("/v1/gate", Json($$"""{ {{Inputs}} }"""));
        Assert.IsTrue(started.Wait(TimeSpan.FromSeconds(30)));
        using var second = await server.Client.PostAsync("/v1/gate", Json($$"""{ {{Inputs}} }"""));
        release.Set();
        using var firstResponse = await first;

        await AssertProblem(second, HttpStatusCode.TooManyRequests, "gates");
        Assert.AreEqual("error", DecisionRecordJson.Read(await firstResponse.Content.ReadAsStringAsync()).Verdict.ToString().ToLowerInvariant(), "the held gate's source failed: an error, never a pass");
    }

    [TestMethod]
    public async Task Records_ByModel_AndDocs_AndReadiness()
    {
        await using var server = await ServeServer.Start();
        var telemetry = server.Write("t.csv", new Telemetry().Csv());
        using var gated = await server.Client.PostAsync("/v1/gate", Json($$"""{ {{Inputs}}, "telemetry": "{{telemetry}}" }"""));

        using var list = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/records?model=support-assistant&limit=5"));
        using var other = JsonDocument.Parse(await server.Client.GetStringAsync("/v1/records?model=another-model"));
        var docs = await server.Client.GetStringAsync($"/v1/packs/{Rules.Sample.GuardrailPack.Instance.Name}/docs");
        using var ready = await server.Client.GetAsync("/readyz");
        using var missing = await server.Client.GetAsync($"/v1/records/{Guid.CreateVersion7()}");

        Assert.AreEqual(1, list.RootElement.GetArrayLength());
        Assert.AreEqual("pass", list.RootElement[0].GetProperty("verdict").GetString());
        Assert.AreEqual(0, other.RootElement.GetArrayLength());
        Assert.AreEqual(Rules.Sample.GuardrailPack.Instance.RuleDocs, docs);
        Assert.AreEqual(HttpStatusCode.OK, ready.StatusCode);
        await AssertProblem(missing, HttpStatusCode.NotFound, "no decision record");
    }

    [TestMethod]
    public void ServeCommand_ListeningBeyondLoopbackWithoutTokens_RefusesToStart()
    {
        using var cli = new Cli();

        var result = cli.Run("serve", "--sample", "--listen", "http://0.0.0.0:0", "--record-dir", cli.Records);

        Assert.AreEqual(ExitCodes.Usage, result.Exit, result.ToString());
        StringAssert.Contains(result.Error, "--token-file");
    }

    [TestMethod]
    public void ServeCommand_ATokenFileWithAPlainToken_IsRefusedNamingTheLine()
    {
        using var cli = new Cli();
        var tokens = cli.Write("tokens", "# ok\nplain-token-not-a-hash\n");

        var result = cli.Run("serve", "--sample", "--token-file", tokens, "--listen", "http://0.0.0.0:0");

        Assert.AreEqual(ExitCodes.Usage, result.Exit, result.ToString());
        StringAssert.Contains(result.Error, "line 2");
    }

    private static Telemetry Variant(string variant) => variant switch
    {
        "block" => new Telemetry { InteractiveLatencyMs = 900 },
        "rollback" => new Telemetry { CandidateErrorPercent = 5 },
        _ => new Telemetry(),
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> Send(ServeServer server, string path, string token) =>
        Send(server, path, new AuthenticationHeaderValue("Bearer", token));

    private static async Task<HttpResponseMessage> Send(ServeServer server, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return await server.Client.SendAsync(request);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string mentions)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, response.StatusCode, body);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, body);
        using var problem = JsonDocument.Parse(body);
        Assert.AreEqual((int)status, problem.RootElement.GetProperty("status").GetInt32());
        StringAssert.Contains(problem.RootElement.GetProperty("detail").GetString(), mentions, body);
    }
}
