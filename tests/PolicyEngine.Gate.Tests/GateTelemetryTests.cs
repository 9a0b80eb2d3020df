using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Gate.Tests;

/// <summary>What a gate run tells OpenTelemetry, read back through the SDK's in-memory exporters.</summary>
[TestClass]
public sealed class GateTelemetryTests
{
    [TestMethod]
    public void AGateRun_IsOneGateSpan_WithLoadAggregateEvaluateAndWriteInside()
    {
        var spans = new List<Activity>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(GateTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var files = new TempFiles();

        using var store = new Records.DirectoryStore(files.PathOf("records"));
        var (result, _) = GateRun.RunAndRecord(Request(files, Telemetry()), TimeProvider.System, store);
        tracer.ForceFlush();

        var gate = spans.Single(s => s.DisplayName == "gate");
        Assert.AreEqual(Words.Of(result.Record.Verdict), gate.GetTagItem("policyengine.verdict"));
        Assert.AreEqual(result.Record.DecisionId.ToString(), gate.GetTagItem("policyengine.decision_id"));
        Assert.AreEqual(GuardrailPack.Instance.Name, gate.GetTagItem("policyengine.pack"));
        var load = Child(spans, gate, "load");
        var aggregate = Child(spans, load, "aggregate");
        Assert.AreEqual("file", aggregate.GetTagItem("policyengine.telemetry.source"));
        Assert.AreEqual(result.Record.Findings.Count, Child(spans, gate, "evaluate").GetTagItem("policyengine.findings"));
        Child(spans, gate, "write");
        Assert.AreEqual(ActivityStatusCode.Unset, gate.Status);
    }

    [TestMethod]
    public void Decisions_Durations_AndSourceErrors_AreCounted()
    {
        var metrics = new List<MetricSnapshot>();
        using var meter = Sdk.CreateMeterProviderBuilder().AddMeter(GateTelemetry.Name).AddInMemoryExporter(metrics).Build();
        using var files = new TempFiles();

        var good = GateRun.Run(Request(files, Telemetry()), TimeProvider.System);
        var bad = GateRun.Run(Request(files, "role,latency_ms\ncandidate,fast\n"), TimeProvider.System);
        meter.ForceFlush();

        Assert.AreEqual(Verdict.Error, bad.Decision.Verdict);
        Assert.AreEqual(1, Sum(metrics, "policyengine.decisions", "verdict", Words.Of(good.Decision.Verdict)));
        Assert.AreEqual(1, Sum(metrics, "policyengine.decisions", "verdict", "error"));
        Assert.AreEqual(1, Sum(metrics, "policyengine.source.errors", "input", "telemetry"));
        var durations = metrics.Last(m => m.Name == "policyengine.gate.duration").MetricPoints;
        Assert.AreEqual(2, durations.Sum(p => p.GetHistogramCount()));
    }

    [TestMethod]
    public void AGateThatCannotDecide_MarksItsSpanAsAnError()
    {
        var spans = new List<Activity>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(GateTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var files = new TempFiles();

        GateRun.Run(Request(files, "role,latency_ms\ncandidate,fast\n"), TimeProvider.System);
        tracer.ForceFlush();

        var gate = spans.Single(s => s.DisplayName == "gate");
        Assert.AreEqual(ActivityStatusCode.Error, gate.Status);
        Assert.AreEqual("error", gate.GetTagItem("policyengine.verdict"));
    }

    private static Activity Child(List<Activity> spans, Activity parent, string name) =>
        spans.Single(s => s.DisplayName == name && s.ParentSpanId == parent.SpanId);

    private static long Sum(List<MetricSnapshot> metrics, string name, string tag, string value) =>
        metrics.Where(m => m.Name == name).TakeLast(1).SelectMany(m => m.MetricPoints)
            .Where(p => Tags(p).TryGetValue(tag, out var v) && Equals(v, value))
            .Sum(p => p.GetSumLong());

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    private static GateRequest Request(TempFiles files, string telemetry) => new()
    {
        Pack = GuardrailPack.Instance,
        TelemetryPath = files.Write($"t-{Guid.NewGuid():N}.csv", telemetry),
        Rollout = new() { Model = "support-assistant", Version = "1.0.0", Lever = "scale", Stage = "full" },
    };

    private static string Telemetry()
    {
        var csv = new StringBuilder("role,latency_ms\n");
        for (var i = 0; i < 100; i++)
        {
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"candidate,{100 + i}"));
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"baseline,{100 + i}"));
        }

        return csv.ToString();
    }
}
