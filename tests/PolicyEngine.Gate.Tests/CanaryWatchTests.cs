using PolicyEngine.Gate.Records;
using System.Globalization;
using System.Text;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Canary;

namespace PolicyEngine.Gate.Tests;

/// <summary>A watch with a guardrail that declares its own measurement beside one the watch's policy governs.</summary>
[TestClass]
public sealed class CanaryWatchTests
{
    [TestMethod]
    public void DeclaredThreshold_ToleratesItsFailureLimit_ThenRollsBack()
    {
        using var files = new TempFiles();
        var result = Watch(files, Telemetry(candidateErrorPercent: 8, latencyMs: 300), watchCount: 5);

        Assert.AreEqual(Verdict.Rollback, result.Verdict);
        Assert.HasCount(2, result.Records, "its failure limit of 1 tolerates the first failure, not the second");
        Assert.Contains("canary/error-rate: 2 failed measurements exceed the limit of 1", result.Reason);
    }

    [TestMethod]
    public void EverySeriesPasses_EachAfterItsOwnCount()
    {
        using var files = new TempFiles();
        var measured = new List<CanaryMeasurement>();

        var result = Watch(files, Telemetry(candidateErrorPercent: 1, latencyMs: 300), watchCount: 2, measured.Add);

        Assert.AreEqual(Verdict.Pass, result.Verdict, result.Reason);
        Assert.HasCount(3, result.Records, "the declared threshold takes three measurements, the rest of the pack two");
        Assert.AreEqual(MeasurementStatus.Running, measured[1].Status);
        Assert.Contains("the rest of the pack: 2 of 2 measurements taken: 2 passed", result.Reason);
        Assert.DoesNotContain("canary/offline-accuracy", result.Reason, "a guardrail that does not apply in the canary stage forms no series");
    }

    [TestMethod]
    public void TheRestFails_UnderTheWatchsPolicy_AtOnce()
    {
        using var files = new TempFiles();

        var result = Watch(files, Telemetry(candidateErrorPercent: 1, latencyMs: 900), watchCount: 5);

        Assert.AreEqual(Verdict.Rollback, result.Verdict);
        Assert.HasCount(1, result.Records);
        Assert.Contains("the rest of the pack: 1 failed measurements exceed the limit of 0", result.Reason);
    }

    private static CanaryResult Watch(TempFiles files, string telemetry, int watchCount, Action<CanaryMeasurement>? measured = null)
    {
        var request = new GateRequest
        {
            Pack = GuardrailPack.Instance,
            TelemetryPath = files.Write("t.csv", telemetry),
            Rollout = new() { Model = "support-assistant", Version = "2.1.0", Lever = "scale" },
        };
        var watch = new CanaryWatch(request, new MeasurementRules(watchCount, TimeSpan.Zero), TimeProvider.System);
        using var records = new DirectoryStore(files.PathOf("records"));
        return watch.RunAsync(records, measured, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static string Telemetry(int candidateErrorPercent, double latencyMs)
    {
        var csv = new StringBuilder("role,latency_ms,error\n");
        for (var i = 0; i < 200; i++)
        {
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"candidate,{latencyMs * (0.5 + (i / 200.0))},{(i % 100 < candidateErrorPercent ? "true" : "false")}"));
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"baseline,300,{(i % 100 < 2 ? "true" : "false")}"));
        }

        return csv.ToString();
    }
}
