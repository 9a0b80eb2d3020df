using System.Globalization;
using System.Text;
using PolicyEngine.Gate.Inputs.Telemetry;

namespace PolicyEngine.Gate.Tests;

/// <summary>
/// The framework's statistics from DuckDB against an independent computation in plain C#: expected calibration
/// error (binned, as Guo et al. define it) and output tokens per GPU-second, per role and slice.
/// </summary>
[TestClass]
public sealed class FrameworkStatisticsTests
{
    private static readonly double[] Percentiles = [50, 95];

    private sealed record Row(string Role, string Slice, double? Confidence, bool? Correct, double OutputTokens, double GpuSeconds);

    [TestMethod]
    [DataRow(10)]
    [DataRow(15)]
    [DataRow(2)]
    public void CalibrationError_PerRoleAndSlice_MatchesIndependentComputation(int bins)
    {
        using var files = new TempFiles();
        var rows = Rows(seed: 11, count: 900);
        var path = Write(files, rows);

        var metrics = TelemetryLoader.Load(path, Percentiles, calibrationBins: bins).Metrics;

        foreach (var m in metrics)
        {
            var mine = Mine(rows, m).Where(r => r.Confidence is not null && r.Correct is not null).ToList();
            var at = $"{m.Role}/{m.Slice}, {bins} bins";
            Assert.AreEqual(mine.Count, m.CalibratedRequests, at);
            Assert.AreEqual(ExpectedCalibrationError(mine, bins), m.CalibrationError!.Value, 1e-12, at);
        }

        Assert.IsTrue(metrics.Where(m => m.Slice == "all").All(m => m.CalibrationError > 0.01), "the fixture is miscalibrated on purpose: the figure is not trivially 0");
    }

    [TestMethod]
    public void CalibrationError_TakesAConfidenceOfOne_IntoTheLastBin_AndIsZeroWhenConfidenceIsAccuracy()
    {
        using var files = new TempFiles();
        // Bin 10 (0.9–1.0]: confidences 1.0 and 0.9 → mean 0.95 against accuracy 1.0; bin 0: 0.0 against 0.
        var path = files.Write("t.csv", "latency_ms,confidence,correct\n10,1.0,true\n10,0.95,true\n10,0.0,false\n10,0.05,false\n");
        var perfect = files.Write("p.csv", "latency_ms,confidence,correct\n10,0.5,true\n10,0.5,false\n10,1,true\n");

        var all = TelemetryLoader.Load(path, Percentiles).Metrics.Single();
        var calibrated = TelemetryLoader.Load(perfect, Percentiles).Metrics.Single();

        // |2 − 1.95| / 4 + |0 − 0.05| / 4 = 0.025
        Assert.AreEqual(0.025, all.CalibrationError!.Value, 1e-12);
        Assert.AreEqual(0, calibrated.CalibrationError!.Value, 1e-12);
    }

    [TestMethod]
    public void CalibrationError_IsNotMeasured_WithoutConfidenceOrLabels()
    {
        using var files = new TempFiles();
        var noConfidence = files.Write("a.csv", "latency_ms,correct\n10,true\n");
        var noLabels = files.Write("b.csv", "latency_ms,confidence,correct\n10,0.7,\n");

        var a = TelemetryLoader.Load(noConfidence, Percentiles).Metrics.Single();
        var b = TelemetryLoader.Load(noLabels, Percentiles).Metrics.Single();

        Assert.IsNull(a.CalibrationError);
        Assert.IsNull(b.CalibrationError, "a confidence without a label is no evidence of calibration");
        Assert.AreEqual(0, b.CalibratedRequests);
    }

    [TestMethod]
    public void TokensPerGpuSecond_PerRoleAndSlice_MatchesIndependentComputation()
    {
        using var files = new TempFiles();
        var rows = Rows(seed: 5, count: 400);
        var path = Write(files, rows);

        var metrics = TelemetryLoader.Load(path, Percentiles).Metrics;

        foreach (var m in metrics)
        {
            var mine = Mine(rows, m).ToList();
            Assert.AreEqual(mine.Sum(r => r.OutputTokens) / mine.Sum(r => r.GpuSeconds), m.TokensPerGpuSecond!.Value, 1e-9, $"{m.Role}/{m.Slice}");
        }
    }

    [TestMethod]
    public void TokensPerGpuSecond_NeedsGpuTimeOnEveryRow()
    {
        using var files = new TempFiles();
        var partial = files.Write("t.csv", "latency_ms,output_tokens,gpu_seconds\n10,100,0.5\n10,100,\n");
        var idle = files.Write("i.csv", "latency_ms,output_tokens,gpu_seconds\n10,100,0\n");

        Assert.IsNull(TelemetryLoader.Load(partial, Percentiles).Metrics.Single().TokensPerGpuSecond, "a partial sum would overstate it");
        Assert.IsNull(TelemetryLoader.Load(idle, Percentiles).Metrics.Single().TokensPerGpuSecond, "no GPU time: not measured, not infinite");
    }

    /// <summary>ECE the textbook way: bin each row, then Σ n_b/N · |accuracy_b − mean confidence_b|.</summary>
    private static double ExpectedCalibrationError(List<Row> rows, int bins)
    {
        var total = 0.0;
        for (var b = 0; b < bins; b++)
        {
            var inBin = rows.Where(r => Math.Min((int)Math.Floor(r.Confidence!.Value * bins), bins - 1) == b).ToList();
            if (inBin.Count == 0)
            {
                continue;
            }

            var accuracy = inBin.Count(r => r.Correct == true) / (double)inBin.Count;
            var confidence = inBin.Average(r => r.Confidence!.Value);
            total += inBin.Count / (double)rows.Count * Math.Abs(accuracy - confidence);
        }

        return total;
    }

    private static IEnumerable<Row> Mine(List<Row> rows, SliceMetrics m) =>
        rows.Where(r => r.Role == m.Role.ToString().ToLowerInvariant() && (m.Slice == "all" || r.Slice == m.Slice));

    /// <summary>Rows whose confidence overstates accuracy a little, some unlabeled or without a confidence.</summary>
    private static List<Row> Rows(int seed, int count)
    {
        var random = new Random(seed);
        string[] slices = ["billing", "search", "returns"];
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var confidence = Math.Round(random.NextDouble(), 3);
            var correct = random.NextDouble() < confidence * 0.85;
            return new Row(i % 2 == 0 ? "candidate" : "baseline", slices[random.Next(slices.Length)],
                i % 17 == 0 ? null : confidence, i % 13 == 0 ? null : correct, random.Next(20, 400), Math.Round(0.01 + random.NextDouble() * 0.3, 4));
        })];
    }

    private static string Write(TempFiles files, List<Row> rows)
    {
        var csv = new StringBuilder("role,slice,latency_ms,confidence,correct,output_tokens,gpu_seconds\n");
        foreach (var r in rows)
        {
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Role},{r.Slice},100,{(r.Confidence is { } c ? c.ToString("R", CultureInfo.InvariantCulture) : "")},{(r.Correct is { } k ? (k ? "true" : "false") : "")},{r.OutputTokens},{r.GpuSeconds}"));
        }

        return files.Write($"t-{Guid.NewGuid():N}.csv", csv.ToString());
    }
}
