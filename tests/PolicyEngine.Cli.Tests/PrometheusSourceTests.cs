using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Prometheus;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The Prometheus source against real stores — Prometheus and VictoriaMetrics — and real failure modes:
/// credentials, tenants, private certificate authorities, flaky and slow gateways.
/// </summary>
[TestClass]
public sealed class PrometheusSourceTests
{
    private static PrometheusServer? _prometheus;
    private static VictoriaMetricsServer? _victoria;

    private static IEnumerable<(string, string, double)> Scenarios =>
        CanarySeries.Scenario("healthy", candidateErrors: 0.01, candidateRequests: 1000)
            .Concat(CanarySeries.Scenario("degraded", candidateErrors: 0.06, candidateRequests: 1000));

    [ClassInitialize]
    public static void StartServers(TestContext context)
    {
        _prometheus = PrometheusServer.Start(PrometheusServer.Gauges(CanarySeries.At, Scenarios));
        _victoria = VictoriaMetricsServer.Start(CanarySeries.Exposition(Scenarios));
    }

    [ClassCleanup]
    public static void StopServers()
    {
        _prometheus?.Dispose();
        _victoria?.Dispose();
    }

    [TestMethod]
    [DataRow("prometheus")]
    [DataRow("victoria-metrics")]
    public void EachStore_PassesTheHealthyCanary_AndRollsBackTheDegradedOne(string store)
    {
        using var cli = new Cli();
        var url = store == "prometheus" ? _prometheus!.Url : _victoria!.Url;

        var healthy = Gate(cli, url, "healthy");
        var degraded = Gate(cli, url, "degraded");

        Assert.AreEqual(0, healthy.Exit, healthy.ToString());
        Assert.AreEqual(Verdict.Pass, healthy.Record2().Verdict, healthy.ToString());
        Assert.AreEqual(2, degraded.Exit, degraded.ToString());
        Assert.AreEqual("support-assistant/error-rate-regression", degraded.Record2().Findings.Single(f => f.Outcome == Outcome.Fail).GuardrailId);
    }

    [TestMethod]
    public void CostSamples_AreEachStepsCostPerRequest_FromARangeQuery()
    {
        var settings = new PrometheusSettings
        {
            Url = _prometheus!.Url,
            Selector = "scenario=\"degraded\"",
            Queries = new() { ["requests"] = "sum(policyengine_requests{{selector},role=\"{role}\",slice=\"{slice}\"})" },
            Samples = new() { ["cost_usd"] = "sum(policyengine_cost_usd{{selector},role=\"{role}\",slice=\"{slice}\"}) / sum(policyengine_requests{{selector},role=\"{role}\",slice=\"{slice}\"})" },
            RangeSeconds = 300,
            StepSeconds = 10,
        };
        // The client is shared by every source with the same settings (PrometheusHttp): not this test's to dispose.
        var samples = PrometheusTelemetry.Load(settings, [50], "support-assistant", CanarySeries.At, PrometheusHttp.Client(settings), [new SampleDemand(SampledMetric.Cost, "all")]).Samples;

        Assert.HasCount(2, samples, "one series of steps for each role");
        foreach (var role in new[] { Role.Candidate, Role.Baseline })
        {
            var costs = samples.Single(s => s.Role == role && s.Metric == SampledMetric.Cost).Values;
            Assert.HasCount(31, costs, "a step every 10 s over 300 s, both ends included");
            Assert.IsTrue(costs.All(c => Math.Abs(c - 0.004) < 1e-12), $"{role}: {string.Join(", ", costs)}");
        }
    }

    [TestMethod]
    public void BothStores_GiveTheSameFigures()
    {
        using var cli = new Cli();

        var prometheus = Gate(cli, _prometheus!.Url, "healthy").Record2().Telemetry;
        var victoria = Gate(cli, _victoria!.Url, "healthy").Record2().Telemetry;

        Assert.HasCount(8, prometheus);
        CollectionAssert.AreEqual(
            prometheus.Select(m => $"{m.Role} {m.Slice} {m.Requests} {m.ErrorRate} {m.Accuracy} {m.Latency.At(95)}").ToList(),
            victoria.Select(m => $"{m.Role} {m.Slice} {m.Requests} {m.ErrorRate} {m.Accuracy} {m.Latency.At(95)}").ToList());
    }

    [TestMethod]
    public async Task ATokenAndATenantHeader_OpenAGatewayThatRequiresThem()
    {
        await using var gateway = await ApiGateway.Start(_prometheus!.Url, new Dictionary<string, string> { ["Authorization"] = "Bearer t0k3n", ["X-Scope-OrgID"] = "team-a" });
        using var cli = new Cli();
        var token = cli.Write("token", "t0k3n\n");

        var admitted = Gate(cli, gateway.Url, "healthy", $$"""
            "bearerTokenFile": {{System.Text.Json.JsonSerializer.Serialize(token)}},
            "headers": { "X-Scope-OrgID": "team-a" },
            """);
        var refused = Gate(cli, gateway.Url, "healthy", """ "headers": { "X-Scope-OrgID": "team-a" }, """);

        Assert.AreEqual(0, admitted.Exit, admitted.ToString());
        Assert.AreEqual(4, refused.Exit, refused.ToString());
        StringAssert.Contains(refused.Error, "HTTP 401");
        StringAssert.Contains(refused.Error, "bearerTokenFile");
    }

    [TestMethod]
    public void BasicAuth_WithThePasswordFromAFile()
    {
        using var secured = VictoriaMetricsServer.Start(CanarySeries.Exposition(Scenarios), basicAuth: ("gate", "s3cret"));
        using var cli = new Cli();

        string Auth(string password) => $$"""
            "basicAuth": { "username": "gate", "passwordFile": {{System.Text.Json.JsonSerializer.Serialize(cli.Write($"password-{password}", password))}} },
            """;
        var admitted = Gate(cli, secured.Url, "healthy", Auth("s3cret"));
        var refused = Gate(cli, secured.Url, "healthy", Auth("wrong"));

        Assert.AreEqual(0, admitted.Exit, admitted.ToString());
        Assert.AreEqual(4, refused.Exit, refused.ToString());
        StringAssert.Contains(refused.Error, "HTTP 401");
    }

    [TestMethod]
    public void APrivateCertificateAuthority_IsTrustedOnlyWhenNamed()
    {
        using var cli = new Cli();
        var (ca, certificate, key) = Certificates(cli);
        using var secured = VictoriaMetricsServer.Start(CanarySeries.Exposition(Scenarios), tls: (certificate, key));

        var trusted = Gate(cli, secured.Url, "healthy", $$""" "caFile": {{System.Text.Json.JsonSerializer.Serialize(ca)}}, "retries": 0, """);
        var untrusted = Gate(cli, secured.Url, "healthy", """ "retries": 0, """);

        Assert.StartsWith("https://", secured.Url);
        Assert.AreEqual(0, trusted.Exit, trusted.ToString());
        Assert.AreEqual(4, untrusted.Exit, untrusted.ToString());
        StringAssert.Contains(untrusted.Error, "cannot be reached");
    }

    [TestMethod]
    [DataRow(3, 0, DisplayName = "retried past three failures")]
    [DataRow(0, 4, DisplayName = "no retries: the first failure is the error")]
    public async Task TransientFailures_AreRetriedWithBackoff(int retries, int exit)
    {
        await using var gateway = await ApiGateway.Start(_prometheus!.Url, failFirst: 3);
        using var cli = new Cli();

        var result = Gate(cli, gateway.Url, "healthy", $$""" "retries": {{retries}}, "parallelism": 1, """);

        Assert.AreEqual(exit, result.Exit, result.ToString());
        if (exit != 0)
        {
            StringAssert.Contains(result.Error, "HTTP 503");
        }
    }

    [TestMethod]
    public async Task ASlowStore_MeetsTheMeasurementDeadline()
    {
        await using var gateway = await ApiGateway.Start(_prometheus!.Url, delay: TimeSpan.FromSeconds(5));
        using var cli = new Cli();

        var result = Gate(cli, gateway.Url, "healthy", """ "deadlineSeconds": 1, """);

        Assert.AreEqual(4, result.Exit, result.ToString());
        StringAssert.Contains(result.Error, "measurement's deadline of 1 s");
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(8)]
    public async Task Queries_RunInParallel_UpToTheSetting(int parallelism)
    {
        await using var gateway = await ApiGateway.Start(_prometheus!.Url, delay: TimeSpan.FromMilliseconds(30));
        using var cli = new Cli();

        var result = Gate(cli, gateway.Url, "healthy", $$""" "parallelism": {{parallelism}}, """);

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.IsGreaterThan(40, gateway.Requests, "every figure of every role and slice is a query");
        if (parallelism == 1)
        {
            Assert.AreEqual(1, gateway.MaxInFlight);
        }
        else
        {
            Assert.IsGreaterThan(1, gateway.MaxInFlight);
            Assert.IsLessThanOrEqualTo(parallelism, gateway.MaxInFlight);
        }
    }

    private static Result Gate(Cli cli, string url, string scenario, string extra = "") =>
        cli.Run("gate", "--sample", "--prometheus", url, "--prometheus-config", cli.Write($"prometheus-{Guid.NewGuid():N}.json", CanarySeries.Config(scenario, extra)));

    /// <summary>A private certificate authority and a server certificate for 127.0.0.1 it signed, as PEM files.</summary>
    private static (string Ca, string Certificate, string Key) Certificates(Cli cli)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=PolicyEngine test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 2, 3, 4]);

        return (cli.Write("ca.pem", ca.ExportCertificatePem()), cli.Write("server.pem", server.ExportCertificatePem()), cli.Write("server.key", serverKey.ExportPkcs8PrivateKeyPem()));
    }
}
