using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace PolicyEngine.Cli.Tests;

/// <summary>OpenTelemetry out of the CLI and the server: OTLP when asked for, Prometheus text on /metrics, spans that nest.</summary>
[TestClass]
public sealed class TelemetryExportTests
{
    [TestMethod]
    public async Task Serve_Metrics_AreServedInPrometheusFormat()
    {
        await using var server = await ServeServer.Start();
        var telemetry = server.Write("t.csv", new Telemetry().Csv());
        using var gated = await server.Client.PostAsync("/v1/gate", new StringContent($$"""{ "rollout": "rollout.json", "telemetry": "{{telemetry}}", "evaluationReport": "evaluation-report.json", "evidence": "evidence.json" }""", Encoding.UTF8, "application/json"));
        Assert.AreEqual(System.Net.HttpStatusCode.OK, gated.StatusCode);

        using var response = await server.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        StringAssert.StartsWith(response.Content.Headers.ContentType?.MediaType, "text/plain");
        var decisions = text.Split('\n').Where(l => l.StartsWith("policyengine_decisions_total{", StringComparison.Ordinal) && l.Contains("verdict=\"pass\"", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, decisions, text);
        Assert.IsTrue(decisions[0].TrimEnd().EndsWith(" 1", StringComparison.Ordinal) || decisions[0].Contains(" 1 ", StringComparison.Ordinal), decisions[0]);
        StringAssert.Contains(text, "policyengine_gate_duration_seconds_bucket");
    }

    [TestMethod]
    public async Task Serve_AGateSpan_IsAChildOfItsHttpRequest()
    {
        var spans = new List<Activity>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(Gate.GateTelemetry.Name, "Microsoft.AspNetCore").AddInMemoryExporter(spans).Build();
        await using var server = await ServeServer.Start();

        using var gated = await server.Client.PostAsync("/v1/gate", new StringContent("""{ "rollout": "rollout.json" }""", Encoding.UTF8, "application/json"));

        // The server's request span ends after its response is written, which the client may read first: wait for it.
        Activity? gate = null, request = null;
        for (var wait = 0; wait < 100 && request is null; wait++)
        {
            tracer.ForceFlush();
            // ToArray copies without enumerating, so a span the exporter adds meanwhile cannot throw.
            var seen = spans.ToArray();

            gate = seen.SingleOrDefault(s => s.DisplayName == "gate");
            request = gate is null ? null : seen.SingleOrDefault(s => s.SpanId == gate.ParentSpanId);
            if (request is null)
            {
                await Task.Delay(50);
            }
        }

        Assert.IsNotNull(gate, "no gate span was exported");
        Assert.IsNotNull(request, "the gate span's parent was not exported within 5 s");
        Assert.AreEqual(ActivityKind.Server, request.Kind);
        StringAssert.Contains(request.DisplayName, "/v1/gate");
    }

    [TestMethod]
    public async Task Gate_WithAnOtlpEndpoint_ExportsItsSpansAndInstruments()
    {
        var received = new ConcurrentDictionary<string, byte[]>();
        await using var collector = await Collector(received);
        var endpoint = collector.Urls.First();
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        try
        {
            using var cli = new Cli();
            var result = cli.Gate("--telemetry", cli.Write("t.csv", new Telemetry().Csv()));
            Assert.AreEqual(0, result.Exit, result.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", null);
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", null);
        }

        // OTLP/HTTP protobuf carries names as UTF-8 strings: the spans and the instrument are in the bodies.
        Assert.IsTrue(received.TryGetValue("/v1/traces", out var traces), string.Join(", ", received.Keys));
        foreach (var span in new[] { "gate", "load", "aggregate", "evaluate", "write", "policyengine" })
        {
            Assert.IsTrue(Contains(traces, span), $"the exported trace has no '{span}'");
        }

        Assert.IsTrue(received.TryGetValue("/v1/metrics", out var metrics), string.Join(", ", received.Keys));
        Assert.IsTrue(Contains(metrics, "policyengine.decisions"));
    }

    [TestMethod]
    public void Gate_WithoutAnOtlpEndpoint_StartsNoExporter()
    {
        Assert.IsFalse(CliTelemetry.Configured);
        Assert.IsNull(CliTelemetry.Start());
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>An OTLP/HTTP receiver on a free loopback port: keeps the last body posted to each path.</summary>
    private static async Task<WebApplication> Collector(ConcurrentDictionary<string, byte[]> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (HttpRequest request, string signal) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received[$"/v1/{signal}"] = body.ToArray();
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }
}
