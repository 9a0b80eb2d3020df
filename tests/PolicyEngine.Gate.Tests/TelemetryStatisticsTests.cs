using System.Globalization;
using System.Text;
using PolicyEngine.Gate.Inputs.Telemetry;

namespace PolicyEngine.Gate.Tests;

/// <summary>The aggregation against an independent computation: numpy-style percentiles and docs/inputs.md's cost figures, done in plain C#.</summary>
[TestClass]
public sealed class TelemetryStatisticsTests
{
    private static readonly double[] Percentiles = [50, 90, 95, 99];

    [TestMethod]
    public void Percentiles_OfFourValues_InterpolateLinearly()
    {
        using var files = new TempFiles();
        var path = files.Write("four.csv", "latency_ms\n40\n10\n30\n20\n");

        var all = TelemetryLoader.Load(path, Percentiles).Metrics.Single();

        // numpy.percentile([10, 20, 30, 40], [50, 90, 95, 99]) = 25, 37, 38.5, 39.7
        Assert.AreEqual("all", all.Slice);
        Assert.AreEqual(25, all.Latency.At(50)!.Value, 1e-9);
        Assert.AreEqual(37, all.Latency.At(90)!.Value, 1e-9);
        Assert.AreEqual(38.5, all.Latency.At(95)!.Value, 1e-9);
        Assert.AreEqual(39.7, all.Latency.At(99)!.Value, 1e-9);
        Assert.IsNull(all.ErrorRate, "no error column: the error rate was not measured");
        Assert.IsNull(all.Accuracy);
    }

    [TestMethod]
    [DataRow("csv")]
    [DataRow("parquet")]
    [DataRow("jsonl")]
    public void EveryStatistic_PerRoleAndSlice_MatchesIndependentComputation(string format)
    {
        using var files = new TempFiles();
        var rows = Fixture.Rows(seed: 7, count: 600);
        var path = Fixture.Write(files, rows, format);

        var metrics = TelemetryLoader.Load(path, Percentiles).Metrics;

        var expectedSubjects = rows.Select(r => (r.Role, r.Slice)).Distinct()
            .Concat(rows.Select(r => (r.Role, Slice: "all")).Distinct()).ToList();
        Assert.HasCount(expectedSubjects.Count, metrics);
        foreach (var (role, slice) in expectedSubjects)
        {
            var mine = rows.Where(r => r.Role == role && (slice == "all" || r.Slice == slice)).ToList();
            var m = metrics.Single(x => x.Role.ToString().ToLowerInvariant() == role && x.Slice == slice);
            var at = $"{role}/{slice}";
            Assert.AreEqual(mine.Count, m.Requests, at);
            foreach (var p in Percentiles)
            {
                Assert.AreEqual(Numpy.Percentile(mine.Select(r => r.LatencyMs), p), m.Latency.At(p)!.Value, 1e-9, $"{at} latency P{p}");
                Assert.AreEqual(Numpy.Percentile(mine.Select(r => r.TtftMs), p), m.Ttft.At(p)!.Value, 1e-9, $"{at} TTFT P{p}");
            }

            var labeled = mine.Where(r => r.Correct is not null).ToList();
            var accuracy = labeled.Count(r => r.Correct == true) / (double)labeled.Count;
            var hallucinationLabeled = mine.Where(r => r.Hallucinated is not null).ToList();
            var cost = mine.Sum(r => r.CostUsd);
            Assert.AreEqual(mine.Count(r => r.Error) / (double)mine.Count, m.ErrorRate!.Value, 1e-12, $"{at} error rate");
            Assert.AreEqual(labeled.Count, m.LabeledRequests, at);
            Assert.AreEqual(accuracy, m.Accuracy!.Value, 1e-12, $"{at} accuracy");
            Assert.AreEqual(hallucinationLabeled.Count(r => r.Hallucinated == true) / (double)hallucinationLabeled.Count, m.HallucinationRate!.Value, 1e-12, $"{at} hallucination rate");
            Assert.AreEqual(mine.Sum(r => r.OutputTokens) / (mine.Sum(r => r.LatencyMs) / 1000), m.TokensPerSecond!.Value, 1e-9, $"{at} tokens/s");
            Assert.AreEqual(cost / mine.Sum(r => r.InputTokens + r.OutputTokens) * 1e6, m.UsdPer1MTokens!.Value, 1e-9, $"{at} USD/1M tokens");
            Assert.AreEqual(cost / mine.Count * 1000, m.UsdPer1kRequests!.Value, 1e-9, $"{at} USD/1k requests");
            Assert.AreEqual(cost / mine.Count / accuracy, m.UsdPerCorrectAnswer!.Value, 1e-12, $"{at} USD per correct answer");
        }
    }

    [TestMethod]
    public void RowsWithoutSlice_CountOnlyTowardAll()
    {
        using var files = new TempFiles();
        var path = files.Write("mixed.csv", "latency_ms,slice\n10,billing\n20,\n30,all\n40,billing\n");

        var metrics = TelemetryLoader.Load(path, Percentiles).Metrics;

        Assert.HasCount(2, metrics);
        Assert.AreEqual(4, metrics.Single(m => m.Slice == "all").Requests);
        Assert.AreEqual(2, metrics.Single(m => m.Slice == "billing").Requests);
    }

    [TestMethod]
    public void NoCorrectAnswer_CostPerCorrectAnswerIsInfinite()
    {
        using var files = new TempFiles();
        var path = files.Write("wrong.csv", "latency_ms,correct,cost_usd\n10,false,0.01\n20,false,0.01\n");

        var all = TelemetryLoader.Load(path, Percentiles).Metrics.Single();

        Assert.AreEqual(0, all.Accuracy);
        Assert.IsTrue(double.IsPositiveInfinity(all.UsdPerCorrectAnswer!.Value), "no correct answer can never be cheap enough");
    }

    [TestMethod]
    public void CostOnSomeRowsOnly_CostFiguresAreNotMeasured()
    {
        using var files = new TempFiles();
        var path = files.Write("partial.csv", "latency_ms,correct,cost_usd\n10,true,0.01\n20,true,\n");

        var all = TelemetryLoader.Load(path, Percentiles).Metrics.Single();

        Assert.IsNull(all.UsdPer1kRequests, "a sum over some rows would understate the cost");
        Assert.IsNull(all.UsdPerCorrectAnswer);
    }

    [TestMethod]
    public void InputFile_RecordsHashAndRows()
    {
        using var files = new TempFiles();
        var path = files.Write("t.csv", "latency_ms\n1\n2\n3\n");

        var file = TelemetryLoader.Load(path, Percentiles).File;

        Assert.AreEqual(3, file.Rows);
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
    }
}

/// <summary>numpy's default percentile: linear interpolation between closest ranks.</summary>
internal static class Numpy
{
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * percentile / 100;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }
}

/// <summary>A telemetry row with known values.</summary>
internal sealed record Row(string Role, string Slice, double LatencyMs, double TtftMs, long InputTokens, long OutputTokens, bool? Correct, bool? Hallucinated, bool Error, double CostUsd);

/// <summary>Deterministic telemetry, written in any of the three formats.</summary>
internal static class Fixture
{
    private static readonly string[] Slices = ["billing", "interactive", "search"];

    public static List<Row> Rows(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new Row(
            i % 3 == 0 ? "baseline" : "candidate",
            Slices[random.Next(Slices.Length)],
            Math.Round(50 + (random.NextDouble() * 900), 3),
            Math.Round(5 + (random.NextDouble() * 200), 3),
            random.Next(10, 2000),
            random.Next(1, 800),
            random.Next(4) == 0 ? null : random.Next(10) < 8,
            random.Next(3) == 0 ? null : random.Next(20) == 0,
            random.Next(50) == 0,
            Math.Round(random.NextDouble() * 0.02, 6))).ToList();
    }

    public static string Write(TempFiles files, IReadOnlyList<Row> rows, string format)
    {
        var csv = files.Write("rows.csv", Csv(rows));
        if (format == "csv")
        {
            return csv;
        }

        return files.Copy($"rows.{format}", $"SELECT * FROM read_csv('{csv}', header = true)", format == "parquet" ? "parquet" : "json");
    }

    public static string Csv(IEnumerable<Row> rows)
    {
        var text = new StringBuilder("timestamp,role,model,slice,latency_ms,ttft_ms,input_tokens,output_tokens,correct,hallucinated,error,cost_usd\n");
        var start = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var i = 0;
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{start.AddSeconds(i++):O},{r.Role},support-assistant,{r.Slice},{r.LatencyMs},{r.TtftMs},{r.InputTokens},{r.OutputTokens},{Bool(r.Correct)},{Bool(r.Hallucinated)},{Bool(r.Error)},{r.CostUsd}"));
        }

        return text.ToString();
    }

    private static string Bool(bool? value) => value switch { true => "true", false => "false", null => "" };
}
