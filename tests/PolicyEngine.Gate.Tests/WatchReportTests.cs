using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Canary;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Gate.Tests;

/// <summary>The watch report's sequence chart on hostile figures and names: every coordinate a number, every name escaped.</summary>
[TestClass]
public sealed class WatchReportTests
{
    [TestMethod]
    public void ASequenceChart_OfOpenHugeAndMissingBounds_DrawsOnlyNumbers_AndEscapesTheName()
    {
        const string id = "evil/<script>alert(1)</script>\u001b[31m";
        Finding Look(string guardrail, double lower, double upper, double? estimate) =>
            new Finding(guardrail, GuardrailKind.RollbackThreshold, Severity.Block, Outcome.Inconclusive, "all\u202e", estimate, 0.10, 10, "straddles") with { Lower = lower, Upper = upper };
        double[][] looks = [[double.NegativeInfinity, double.PositiveInfinity], [-1e308, 1e308], [double.NaN, 1e-300], [-1, 1.7e308]];
        var measurements = looks.Select((b, i) => new CanaryMeasurement(i + 1, 4, new Decision(Verdict.Hold, Stages.Canary,
            [Look(id, b[0], b[1], i == 2 ? double.NaN : 1e307), Look("canary/error-rate", b[0], b[1], 1.7e308)], "hold"), MeasurementStatus.Running, "running", $"r{i}.json")).ToList();

        // The pack's canary/error-rate has a relative limit: its bounds are charted in %, a hundred times larger.
        var html = HtmlReport.Watch(new CanaryResult(Verdict.Hold, "held", ["r.json"]), measurements, "m 1", GuardrailPack.Instance);

        foreach (var chart in new[] { "sequence-1", "sequence-2" })
        {
            var svg = html[html.IndexOf($"data-chart=\"{chart}\"", StringComparison.Ordinal)..];
            svg = svg[..svg.IndexOf("</svg>", StringComparison.Ordinal)];
            Assert.DoesNotContain("NaN", svg, chart);
            Assert.DoesNotContain("Infinity", svg, chart);
            Assert.DoesNotContain("∞", svg, chart);
        }

        StringAssert.Contains(html, "canary/error-rate on slice all\\u202E", "both sequences are charted, the hostile slice escaped");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("\u001b", html);
        Assert.DoesNotContain("\u202e", html);
        StringAssert.Contains(html, "evil/&lt;script&gt;");
    }
}
