namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The HTML reports of gate, watch and advise in a real headless browser: each page loads with no console error,
/// asks for nothing beyond itself, and every chart renders with content. POLICYENGINE_SCREENSHOTS names a folder to
/// keep the pictures in (docs/images holds the sample report's).
/// </summary>
[TestClass]
public sealed class HtmlReportTests
{
    [TestMethod]
    public async Task TheGateReport_OfTheWorkedExample_RendersEveryChart()
    {
        using var cli = new Cli();
        var report = cli.PathOf("gate.html");
        var folder = Path.Combine(SampleFiles.Directory, "worked-example", "large-70b");

        var gated = cli.Run("gate", "--standard", "--rollout", Path.Combine(folder, "rollout.json"), "--telemetry", Path.Combine(folder, "telemetry.csv"),
            "--eval-report", Path.Combine(folder, "evaluation-report.json"), "--evidence", Path.Combine(folder, "evidence.json"), "--trust", SampleFiles.Trust,
            "--format", "html", "--output", report);

        Assert.AreEqual(1, gated.Exit, gated.ToString());
        var seen = await Open(report, "gate-report.png");
        // One latency chart per slice (all and four business slices) and the thresholds chart.
        CollectionAssert.AreEqual(new[] { "latency-0", "latency-1", "latency-2", "latency-3", "latency-4", "thresholds" }, seen.Charts.Select(c => c.Id).ToArray());
        var html = File.ReadAllText(report);
        StringAssert.Contains(html, "P95 budget 500 ms");
        StringAssert.Contains(html, "BLOCK — doc-search large-70b");
    }

    [TestMethod]
    public async Task TheAdviceReport_ChartsCostAgainstLatency()
    {
        using var cli = new Cli();
        var report = cli.PathOf("advise.html");

        var advised = cli.Run("advise", Path.Combine(SampleFiles.Directory, "worked-example", "options.json"), "--format", "html", "--output", report);

        Assert.AreEqual(0, advised.Exit, advised.ToString());
        var seen = await Open(report, "advise-report.png");
        Assert.AreEqual("options", seen.Charts.Single().Id);
        StringAssert.Contains(File.ReadAllText(report), "recommend ft-13b-rag (hybrid)");
    }

    [TestMethod]
    public async Task TheWatchReport_ChartsTheCanaryOverItsMeasurements()
    {
        using var cli = new Cli();
        var report = cli.PathOf("watch.html");

        var watched = cli.Run("watch", "--sample", "--telemetry", cli.Write("t.csv", new Telemetry().Csv()), "--count", "3", "--interval", "0s", "--format", "html", "--output", report);

        Assert.AreEqual(0, watched.Exit, watched.ToString());
        var seen = await Open(report, "watch-report.png");
        Assert.AreEqual("score", seen.Charts.Single().Id);
        var html = File.ReadAllText(report);
        StringAssert.Contains(html, "PASS — canary of support-assistant 2.1.0");
        Assert.AreEqual(3, System.Text.RegularExpressions.Regex.Matches(html, "<tr><td>\\d+</td>").Count, "a row per measurement");
    }

    [TestMethod]
    public void WatchHtml_WithoutAnOutputFile_IsAUsageError()
    {
        using var cli = new Cli();

        var watched = cli.Run("watch", "--sample", "--count", "1", "--format", "html");

        Assert.AreEqual(ExitCodes.Usage, watched.Exit, watched.ToString());
        StringAssert.Contains(watched.Error, "give --output report.html");
    }

    [TestMethod]
    public async Task TheBrowserCheck_CatchesWhatAReaderWouldSee()
    {
        using var cli = new Cli();
        var broken = cli.Write("broken.html", "<!DOCTYPE html><html><body><figure class=\"chart\"><svg width=\"10\" height=\"10\"></svg></figure>"
            + "<script>console.error('boom')</script><img src=\"https://example.invalid/x.png\"></body></html>");

        var seen = await HeadlessBrowser.Open(broken);

        Assert.IsTrue(seen.Errors.Any(e => e.Contains("boom", StringComparison.Ordinal)), string.Join("\n", seen.Errors));
        Assert.IsTrue(seen.Requests.Any(r => r.StartsWith("https://example.invalid", StringComparison.Ordinal)), "a fetch is seen");
        Assert.AreEqual(0, seen.Charts.Single().Paths, "an empty chart is seen as empty");
    }

    /// <summary>Opens the page and checks what every report must hold: no error, nothing fetched, every chart drawn.</summary>
    internal static async Task<HeadlessBrowser.Seen> Open(string report, string picture)
    {
        var seen = await HeadlessBrowser.Open(report);

        Assert.IsEmpty(seen.Errors, string.Join("\n", seen.Errors));
        var url = new Uri(report).AbsoluteUri;
        Assert.IsTrue(seen.Requests.All(r => r == url || r.StartsWith("data:", StringComparison.Ordinal)), "the page fetched: " + string.Join(", ", seen.Requests));
        Assert.IsNotEmpty(seen.Charts);
        foreach (var chart in seen.Charts)
        {
            Assert.IsTrue(chart.Width > 200 && chart.Height > 150, $"{chart.Id} rendered {chart.Width}×{chart.Height}");
            Assert.IsTrue(chart.Paths >= 10 && chart.Texts >= 5, $"{chart.Id} drew {chart.Paths} shapes and {chart.Texts} texts");
            Assert.IsTrue(chart.DrawnWidth > 50 && chart.DrawnHeight > 50, $"{chart.Id} drew nothing of size: {chart.DrawnWidth}×{chart.DrawnHeight}");
        }

        CollectionAssert.AreEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, seen.Screenshot.Take(4).ToArray(), "a PNG picture of the page");
        Assert.IsGreaterThan(20_000, seen.Screenshot.Length);
        if (Environment.GetEnvironmentVariable("POLICYENGINE_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            await File.WriteAllBytesAsync(Path.Combine(keep, picture), seen.Screenshot);
        }

        return seen;
    }
}
