using System.Text.RegularExpressions;
using PolicyEngine.Evaluation;
using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Inputs.Prometheus;

/// <summary>
/// Judged from the canary's start (a watch, <c>gate --canary-start</c>), the counts a sequential rate threshold reads
/// must cover the canary so far (docs/canary.md, "{window}"): a count query over a fixed window
/// (<c>increase(…[5m])</c>) hands the sequence a fresh sample at every look, the repeated testing it exists to avoid,
/// and no check of the counts alone can tell while traffic grows.
/// </summary>
public static partial class CanaryWindow
{
    /// <summary>
    /// The first count query a sequential rate threshold of <paramref name="pack"/> reads that takes a range other than
    /// <c>[{window}]</c>, with that range; null when there is none.
    /// </summary>
    public static (string Figure, string Range)? FixedWindow(PrometheusSettings settings, PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(pack);
        var figures = pack.Guardrails
            .Select(g => g.Spec)
            .OfType<RollbackThresholdSpec>()
            .Where(s => s.Sequential is not null)
            .SelectMany(s => Counts(s.Metric))
            .Distinct(StringComparer.Ordinal);
        foreach (var figure in figures)
        {
            if (settings.Queries?.TryGetValue(figure, out var promql) == true && Range().Matches(promql).FirstOrDefault(m => m.Value != "[{window}]") is { } range)
            {
                return (figure, range.Value);
            }
        }

        return null;
    }

    /// <summary>The count queries a rate's sequence is built from; none for the metrics judged from samples.</summary>
    private static string[] Counts(TelemetryMetric metric) => metric switch
    {
        TelemetryMetric.ErrorRate => ["requests", "errors"],
        TelemetryMetric.Accuracy => ["labeled", "correct"],
        TelemetryMetric.HallucinationRate => ["labeled", "hallucinated"],
        _ => [],
    };

    // A range selector or subquery: [5m], [1h:1m], [{window}].
    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Range();
}
