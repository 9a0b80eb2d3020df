using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The deploy/ examples, tested rather than only written: the Deployment's arguments start a real server through
/// the CLI, its probes and Service match it, and the Argo template's and Flagger canary's exact requests get the
/// answers their conditions need — a healthy canary goes on, a degraded one is stopped.
/// </summary>
[TestClass]
public sealed partial class DeployExampleTests
{
    private const string ServeYaml = "deploy/kubernetes/serve.yaml";
    private const string ArgoYaml = "deploy/argo/analysis-template.yaml";
    private const string FlaggerYaml = "deploy/flagger/canary.yaml";
    private const string ArgoToken = "argo-token-for-the-test";
    private const string FlaggerToken = "flagger-token-for-the-test";

    private static PrometheusServer? _prometheus;
    private static Deployed? _server;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _prometheus = PrometheusServer.Start(PrometheusServer.Gauges(CanarySeries.At,
            CanarySeries.Scenario("healthy", candidateErrors: 0.01, candidateRequests: 1000).Concat(CanarySeries.Scenario("degraded", candidateErrors: 0.06, candidateRequests: 1000))));
        _server = Deployed.Start(_prometheus.Url);
    }

    [ClassCleanup]
    public static void Stop()
    {
        _server?.Dispose();
        _prometheus?.Dispose();
    }

    [TestMethod]
    public async Task Deployment_ProbesAndService_MatchTheServerItsArgumentsStart()
    {
        var deployment = DeployExample.Single(ServeYaml, "Deployment");
        var service = DeployExample.Single(ServeYaml, "Service");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var port = container["ports"]![0]!;

        Assert.AreEqual(ListenPort(container), int.Parse((string)port["containerPort"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual((string?)port["name"], (string)service["spec"]!["ports"]![0]!["targetPort"]!);
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
        {
            Assert.AreEqual((string?)port["name"], (string)container[probe]!["httpGet"]!["port"]!);
            using var answer = await _server!.Client.GetAsync((string)container[probe]!["httpGet"]!["path"]!);
            Assert.AreEqual(HttpStatusCode.OK, answer.StatusCode, probe);
        }

        // The token file the Deployment names is enforced: without a token the API refuses.
        using var anonymous = await _server!.Client.GetAsync("/v1/packs");
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [TestMethod]
    public void PrometheusConfigMap_IsValidSettings()
    {
        var config = DeployExample.Single(ServeYaml, "ConfigMap")["data"]!["prometheus.json"]!.GetValue<string>();

        using var document = JsonDocument.Parse(config);
        Assert.IsEmpty(Gate.Inputs.SchemaCheck.Check(document.RootElement, "prometheus"));
    }

    [TestMethod]
    [DataRow("healthy", "Successful")]
    [DataRow("degraded", "Failed")]
    public async Task ArgoAnalysisTemplate_ItsRequest_AndItsSuccessCondition_DecideTheCanary(string scenario, string phase)
    {
        var template = DeployExample.Single(ArgoYaml, "AnalysisTemplate");
        var rollout = DeployExample.Single(ArgoYaml, "Rollout");
        Assert.AreEqual("policyengine-gate", (string)template["metadata"]!["name"]!);
        var steps = DeployExample.Each(rollout["spec"]!["strategy"]!["canary"]!["steps"]).Where(s => s["analysis"] is not null).ToList();
        Assert.IsNotEmpty(steps);
        _server!.Scenario(scenario);

        foreach (var step in steps)
        {
            Assert.AreEqual("policyengine-gate", (string)step["analysis"]!["templates"]![0]!["templateName"]!);
            var args = DeployExample.Each(step["analysis"]!["args"]).ToDictionary(a => (string)a["name"]!, a => (string)a["value"]!);
            args["token"] = ArgoToken; // valueFrom a Secret in the cluster
            foreach (var metric in DeployExample.Each(template["spec"]!["metrics"]))
            {
                var web = metric["provider"]!["web"]!;
                using var request = new HttpRequestMessage(new HttpMethod((string?)web["method"] ?? "GET"), Local((string)web["url"]!));
                foreach (var header in DeployExample.Each(web["headers"]))
                {
                    request.Headers.TryAddWithoutValidation((string)header["key"]!, Substitute((string)header["value"]!, args));
                }

                if (web["jsonBody"] is { } body)
                {
                    // As Argo sends it: the body marshalled as JSON, Content-Type application/json.
                    request.Content = new StringContent(Substitute(body.ToJsonString(), args), Encoding.UTF8, "application/json");
                }

                using var response = await _server.Client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.IsTrue(response.IsSuccessStatusCode, $"Argo counts a non-2xx answer as an error, not a decision: {text}");
                Assert.AreEqual(phase, ArgoCondition.Evaluate((string)metric["successCondition"]!, JsonNode.Parse(text)!), text);
            }
        }
    }

    [TestMethod]
    [DataRow("healthy", "rollout", 200)]
    [DataRow("healthy", "rollback", 409)]
    [DataRow("healthy", "confirm-promotion", 200)]
    [DataRow("healthy", "event", 202)]
    [DataRow("degraded", "rollout", 409)]
    [DataRow("degraded", "rollback", 200)]
    public async Task FlaggerCanary_EachWebhook_GetsTheAnswerFlaggerActsOn(string scenario, string type, int status)
    {
        var canary = DeployExample.Single(FlaggerYaml, "Canary");
        var hook = DeployExample.Each(canary["spec"]!["analysis"]!["webhooks"]).Single(h => (string)h["type"]! == type);
        _server!.Scenario(scenario);
        var url = new Uri(((string)hook["url"]!).Replace("FLAGGER_TOKEN", FlaggerToken, StringComparison.Ordinal));
        // Flagger's CanaryWebhookPayload; Go's client sends the URL's credentials as basic authentication.
        var payload = new JsonObject
        {
            ["name"] = (string)canary["metadata"]!["name"]!,
            ["namespace"] = (string)canary["metadata"]!["namespace"]!,
            ["phase"] = "Progressing",
            ["checksum"] = "7f8d9c6b",
            ["metadata"] = type == "event"
                ? new JsonObject { ["eventMessage"] = "Advance support-assistant.prod canary weight 20", ["eventType"] = "Normal", ["timestamp"] = "1764072000000" }
                : hook["metadata"]?.DeepClone(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, Local(url.GetLeftPart(UriPartial.Path)))
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.UserInfo))));

        using var response = await _server.Client.SendAsync(request);

        Assert.AreEqual(status, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public void ControllersCallTheService_TheDeploymentExposes()
    {
        var service = DeployExample.Single(ServeYaml, "Service");
        var expected = $"{(string)service["metadata"]!["name"]!}.{(string)service["metadata"]!["namespace"]!}.svc:{(string)service["spec"]!["ports"]![0]!["port"]!}";
        var urls = DeployExample.Each(DeployExample.Single(ArgoYaml, "AnalysisTemplate")["spec"]!["metrics"]).Select(m => (string)m["provider"]!["web"]!["url"]!)
            .Concat(DeployExample.Each(DeployExample.Single(FlaggerYaml, "Canary")["spec"]!["analysis"]!["webhooks"]).Select(h => (string)h["url"]!))
            .ToList();

        Assert.IsNotEmpty(urls);
        foreach (var url in urls)
        {
            Assert.AreEqual(expected, new Uri(url).Authority, url);
        }
    }

    private static int ListenPort(JsonNode container)
    {
        var args = DeployExample.Each(container["args"]).Select(a => (string)a!).ToList();
        return new Uri(args[args.IndexOf("--listen") + 1]).Port;
    }

    /// <summary>The example's URL, sent to the test's server instead of the cluster's Service.</summary>
    private static string Local(string url) => new Uri(url).PathAndQuery;

    private static string Substitute(string text, IReadOnlyDictionary<string, string> args) =>
        ArgsPattern().Replace(text, m => args.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidOperationException($"the example uses {{{{args.{m.Groups[1].Value}}}}} without a value for it"));

    [GeneratedRegex(@"\{\{args\.([A-Za-z0-9_-]+)\}\}")]
    private static partial Regex ArgsPattern();

    /// <summary>The Deployment's own arguments, run through the CLI on this machine: container paths mapped to test folders, the port to a free one.</summary>
    private sealed class Deployed : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<Result> _run;
        private readonly Cli _cli = new();
        private readonly string _config;
        private readonly string _prometheusUrl;

        private Deployed(string prometheusUrl)
        {
            _prometheusUrl = prometheusUrl;
            var data = Path.Combine(_cli.Root, "data");
            var mine = Path.Combine(data, "support-assistant");
            Directory.CreateDirectory(mine);
            foreach (var file in new[] { SampleFiles.Rollout, SampleFiles.EvaluationReport, SampleFiles.Evidence })
            {
                File.Copy(file, Path.Combine(mine, Path.GetFileName(file)));
            }

            File.Copy(SampleFiles.Trust, Path.Combine(data, "trust.json"));
            var tokens = _cli.Write("tokens", $"{PolicyEngine.Cli.Serve.BearerTokens.Hash(ArgoToken)}\n{PolicyEngine.Cli.Serve.BearerTokens.Hash(FlaggerToken)}\n");
            _config = _cli.PathOf("prometheus.json");
            Scenario("healthy");
            var paths = new Dictionary<string, string>
            {
                ["/packs/Contoso.Guardrails.dll"] = Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.Sample.dll"),
                ["/var/run/secrets/policyengine/tokens"] = tokens,
                ["/config/prometheus.json"] = _config,
                ["/records"] = Path.Combine(_cli.Root, "records"),
                ["/data"] = data,
            };
            var container = DeployExample.Single(ServeYaml, "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
            var port = Ports.Free();
            var args = DeployExample.Each(container["args"]).Select(a => (string)a!).Select(a =>
                a.StartsWith("http://0.0.0.0:", StringComparison.Ordinal) ? $"http://0.0.0.0:{port}"
                : paths.Where(p => a == p.Key || a.StartsWith(p.Key + "/", StringComparison.Ordinal)).Select(p => p.Value + a[p.Key.Length..]).FirstOrDefault() ?? a).ToArray();
            _run = Task.Run(() => _cli.Run(_stop.Token, args));
            Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            Client.DefaultRequestHeaders.Add("X-Test", "deploy");
        }

        public HttpClient Client { get; }

        public static Deployed Start(string prometheusUrl)
        {
            var deployed = new Deployed(prometheusUrl);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                if (deployed._run.IsCompleted)
                {
                    throw new InvalidOperationException($"the Deployment's arguments did not start a server: {deployed._run.Result}");
                }

                try
                {
                    using var ready = deployed.Client.GetAsync("/readyz").GetAwaiter().GetResult();
                    if (ready.IsSuccessStatusCode)
                    {
                        return deployed;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                Thread.Sleep(100);
            }

            deployed.Dispose();
            throw new InvalidOperationException("the server was not ready within 60 s");
        }

        /// <summary>Points the server's Prometheus settings at one scenario's series: it reads them at every gate.</summary>
        public void Scenario(string scenario) =>
            File.WriteAllText(_config, CanarySeries.Config(scenario, $"\"url\": \"{_prometheusUrl}\","));

        public void Dispose()
        {
            _stop.Cancel();
            var result = _run.Wait(TimeSpan.FromSeconds(30)) ? _run.Result : null;
            Client.Dispose();
            _cli.Dispose();
            _stop.Dispose();
            Assert.AreEqual(0, result?.Exit, "the server stops cleanly on SIGTERM/Ctrl-C");
        }
    }
}
