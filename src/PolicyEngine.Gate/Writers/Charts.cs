using System.Globalization;
using System.Text.RegularExpressions;
using PolicyEngine.Evaluation;
using ScottPlot;

namespace PolicyEngine.Gate.Writers;

/// <summary>
/// The reports' charts, drawn by ScottPlot as SVG and inlined in the page: nothing is fetched, every label is the
/// chart's own text. Each chart gets an id prefix, so the clip paths of several charts on one page never collide.
/// Reference lines are solid and labelled: Skia's SVG writer has no dash effect (it would draw them solid and warn
/// on standard error).
/// </summary>
internal static partial class Charts
{
    private const string Font = "DejaVu Sans";
    private static readonly Color Candidate = Color.FromHex("#1f77b4");
    private static readonly Color Baseline = Color.FromHex("#7f7f7f");
    private static readonly Color Pass = Color.FromHex("#2ca02c");
    private static readonly Color Fail = Color.FromHex("#d62728");
    private static readonly Color Other = Color.FromHex("#ff7f0e");

    /// <summary>Latency CDF of candidate against baseline on one slice, the budgets marked.</summary>
    /// <param name="id">The chart's id, unique on the page.</param>
    /// <param name="slice">The slice.</param>
    /// <param name="candidate">The candidate's latency percentiles.</param>
    /// <param name="baseline">The baseline's, or none.</param>
    /// <param name="budgets">Latency budgets on the slice: percentile and milliseconds.</param>
    public static string LatencyCdf(string id, string slice, Percentiles candidate, Percentiles baseline, IReadOnlyList<(double Percentile, double Milliseconds)> budgets)
    {
        var plot = New();
        Line(plot, candidate, "candidate", Candidate);
        Line(plot, baseline, "baseline", Baseline);
        foreach (var (percentile, ms) in budgets)
        {
            var line = plot.Add.VerticalLine(ms);
            line.Color = Fail;
            line.Text = string.Create(CultureInfo.InvariantCulture, $"P{percentile:0.##} budget {ms:0.##} ms");
            line.LabelFontName = Font;
            var point = plot.Add.Marker(ms, percentile / 100);
            point.Color = Fail;
        }

        plot.Title($"Latency CDF · slice {Words.Printable(slice)}");
        plot.XLabel("request latency (ms)");
        plot.YLabel("share of requests at or below");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Alignment.LowerRight);
        return Svg(plot, id, 560, 360);
    }

    /// <summary>Each finding's observed value as a share of its threshold, coloured by outcome; findings without both are left out.</summary>
    public static string Thresholds(string id, IReadOnlyList<Finding> findings)
    {
        var shown = findings.Where(f => f.Observed is { } o && f.Threshold is { } t && t != 0 && double.IsFinite(o) && double.IsFinite(t)).ToList();
        var plot = New();
        var bars = shown.Select((f, i) => new Bar
        {
            Position = shown.Count - i,
            Value = f.Observed!.Value / f.Threshold!.Value * 100,
            FillColor = f.Outcome switch { Outcome.Pass => Pass, Outcome.Fail => Fail, _ => Other },
            Orientation = Orientation.Horizontal,
        }).ToList();
        plot.Add.Bars(bars);
        var hundred = plot.Add.VerticalLine(100);
        hundred.Color = Colors.Black;
        hundred.Text = "threshold";
        hundred.LabelFontName = Font;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. shown.Select((_, i) => (double)(shown.Count - i))],
            [.. shown.Select(f => Label(f))]);
        plot.Title("Observed value as % of its threshold (green pass, red fail, orange neither)");
        plot.XLabel("% of threshold");
        return Svg(plot, id, 900, Math.Max(220, 60 + (26 * shown.Count)));
    }

    /// <summary>A canary's score (or share of findings passing) at each measurement.</summary>
    public static string Scores(string id, IReadOnlyList<(int Measurement, double Score, bool Passed)> points, double? passLine)
    {
        var plot = New();
        var line = plot.Add.Scatter(points.Select(p => (double)p.Measurement).ToArray(), points.Select(p => p.Score).ToArray());
        line.Color = Candidate;
        line.LineWidth = 2;
        line.MarkerSize = 8;
        line.LegendText = "score";
        foreach (var p in points.Where(p => !p.Passed))
        {
            var marker = plot.Add.Marker(p.Measurement, p.Score);
            marker.Color = Fail;
            marker.Size = 12;
        }

        if (passLine is { } pass)
        {
            var h = plot.Add.HorizontalLine(pass);
            h.Color = Pass;
            h.Text = string.Create(CultureInfo.InvariantCulture, $"passes at {pass:0.##}");
            h.LabelFontName = Font;
        }

        MeasurementTicks(plot, [.. points.Select(p => p.Measurement)]);
        plot.Title("Canary score by measurement (red: a measurement that did not pass)");
        plot.XLabel("measurement");
        plot.YLabel("score (0–100)");
        plot.Axes.SetLimitsY(0, 105);
        return Svg(plot, id, 700, 340);
    }

    /// <summary>
    /// A sequential threshold's confidence-sequence bounds at each measurement as a band, its estimate as a line, and
    /// its limit: a band wholly above the limit rolled the canary back, wholly below promoted it. An open bound (no
    /// data for it yet) runs to the edge of the chart.
    /// </summary>
    public static string Sequence(string id, string guardrail, IReadOnlyList<(int Measurement, double Lower, double Upper, double? Estimate)> points, double limit, bool relative)
    {
        var scale = relative ? 100.0 : 1.0;
        var finite = points.SelectMany(p => new[] { p.Lower, p.Upper, p.Estimate ?? double.NaN }).Where(double.IsFinite).Append(limit).Append(0).ToList();
        var (low, high) = (finite.Min(), finite.Max());
        var margin = Math.Max(high - low, Math.Abs(limit) + 1e-9) * 0.25;
        double Clip(double v) => Math.Clamp(v, low - margin, high + margin) * scale;
        var plot = New();
        double[] xs = [.. points.Select(p => (double)p.Measurement)];
        var band = plot.Add.FillY(xs, [.. points.Select(p => Clip(p.Upper))], [.. points.Select(p => Clip(p.Lower))]);
        band.FillColor = Candidate.WithAlpha(0.3);
        band.LegendText = "confidence sequence";
        var estimates = points.Where(p => p.Estimate is { } e && double.IsFinite(e)).ToList();
        if (estimates.Count > 0)
        {
            var line = plot.Add.Scatter(estimates.Select(p => (double)p.Measurement).ToArray(), estimates.Select(p => Clip(p.Estimate!.Value)).ToArray());
            line.Color = Candidate;
            line.LineWidth = 2;
            line.LegendText = "estimate";
        }

        var limitLine = plot.Add.HorizontalLine(limit * scale);
        limitLine.Color = Fail;
        limitLine.Text = string.Create(CultureInfo.InvariantCulture, $"limit {limit * scale:0.##}{(relative ? " %" : "")}");
        limitLine.LabelFontName = Font;
        MeasurementTicks(plot, [.. points.Select(p => p.Measurement)]);
        plot.Title($"{Words.Printable(guardrail)}: the change, bounded at every look");
        plot.XLabel("measurement");
        plot.YLabel(relative ? "change (%)" : "change");
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot, id, 700, 340);
    }

    /// <summary>Options' cost per correct answer against their P95, the budget and ceiling marked.</summary>
    public static string Options(string id, IReadOnlyList<(string Name, double P95Ms, double UsdPerCorrectAnswer, bool Admissible)> options, double budgetMs, double? ceiling)
    {
        var plot = New();
        foreach (var o in options)
        {
            var marker = plot.Add.Marker(o.P95Ms, o.UsdPerCorrectAnswer);
            marker.Color = o.Admissible ? Pass : Fail;
            marker.Size = 14;
            var text = plot.Add.Text(Words.Printable(o.Name), o.P95Ms, o.UsdPerCorrectAnswer);
            text.LabelFontName = Font;
            text.LabelFontSize = 13;
            text.OffsetX = 8;
        }

        var budget = plot.Add.VerticalLine(budgetMs);
                budget.Text = string.Create(CultureInfo.InvariantCulture, $"P95 budget {budgetMs:0.##} ms");
        budget.LabelFontName = Font;
        if (ceiling is { } c)
        {
            var h = plot.Add.HorizontalLine(c);
                        h.Text = string.Create(CultureInfo.InvariantCulture, $"ceiling ${c:0.####}");
            h.LabelFontName = Font;
        }

        plot.Title("Cost per correct answer against P95 (green admissible, red ruled out)");
        plot.XLabel("P95 latency (ms)");
        plot.YLabel("USD per correct answer");
        var xs = options.Select(o => o.P95Ms).Append(budgetMs).ToList();
        var ys = options.Select(o => o.UsdPerCorrectAnswer).Concat(ceiling is { } cc ? [cc] : []).ToList();
        // A floor keeps the axes from collapsing when every option serves for nothing (all costs 0).
        plot.Axes.SetLimits(0, Math.Max(xs.Max() * 1.25, 1), 0, Math.Max(ys.Max() * 1.25, 1e-6));
        return Svg(plot, id, 700, 420);
    }

    /// <summary>Measurements are whole numbers: a tick per measurement, or per tenth of them for long watches.</summary>
    private static void MeasurementTicks(Plot plot, IReadOnlyList<int> measurements)
    {
        var every = Math.Max(1, (measurements.Count + 9) / 10);
        var ticks = measurements.Where(m => (m - 1) % every == 0).Select(m => (double)m).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(t => t.ToString(CultureInfo.InvariantCulture))]);
    }

    private static Plot New()
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        return plot;
    }

    private static void Line(Plot plot, Percentiles percentiles, string legend, Color color)
    {
        var points = percentiles.Keys.Select(k => (Percentile: k, Ms: percentiles.At(k)!.Value)).Where(p => double.IsFinite(p.Ms)).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(points.Select(p => p.Ms).ToArray(), points.Select(p => p.Percentile / 100).ToArray());
        line.LegendText = legend;
        line.Color = color;
        line.LineWidth = 2;
        line.MarkerSize = points.Count > 20 ? 0 : 5;
    }

    private static string Label(Finding f)
    {
        var label = f.Slice == Specs.Slices.All ? f.GuardrailId : $"{f.GuardrailId} · {f.Slice}";
        label = Words.Printable(label);
        return label.Length > 60 ? label[..57] + "…" : label;
    }

    /// <summary>The plot as an inline SVG element: no XML declaration, ids prefixed, and ScottPlot's trailing commas in coordinate lists dropped (not valid SVG lengths; strict SVG readers refuse them).</summary>
    private static string Svg(Plot plot, string id, int width, int height)
    {
        var svg = plot.GetSvgXml(width, height);
        svg = XmlDeclaration().Replace(svg, "");
        svg = TrailingComma().Replace(svg, "$1=\"$2\"");
        svg = svg.Replace("id=\"", $"id=\"{id}-", StringComparison.Ordinal).Replace("url(#", $"url(#{id}-", StringComparison.Ordinal)
            .Replace("href=\"#", $"href=\"#{id}-", StringComparison.Ordinal);
        return svg.Replace("<svg ", $"<svg role=\"img\" aria-labelledby=\"{id}-title\" data-chart=\"{id}\" ", StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\b(x|y|dx|dy)=""([^""]*?)[,\s]+""")]
    private static partial Regex TrailingComma();
}
