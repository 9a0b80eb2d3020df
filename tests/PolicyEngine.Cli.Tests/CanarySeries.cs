using System.Globalization;
using System.Text;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// Baseline and candidate series of canary scenarios, as gauges a Prometheus-compatible store is loaded with, and
/// the query templates that read them back (docs/canary.md).
/// </summary>
internal static class CanarySeries
{
    /// <summary>The sample rollout's asOf: queries are evaluated at the decision time.</summary>
    public static readonly DateTimeOffset At = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Slices = ["all", "interactive", "billing", "search"];

    /// <summary>Baseline and candidate gauges of one scenario: three slices of equal traffic and their total.</summary>
    public static IEnumerable<(string Name, string Labels, double Value)> Scenario(string scenario, double candidateErrors, double candidateRequests, double candidateLatencyScale = 1, double candidateTailScale = 1, double baselineRequests = 1000)
    {
        foreach (var role in new[] { "candidate", "baseline" })
        {
            foreach (var slice in Slices)
            {
                var perSlice = role == "candidate" ? candidateRequests : baselineRequests;
                var requests = slice == "all" ? perSlice * 3 : perSlice;
                var errors = (role == "candidate" ? candidateErrors : 0.02) * requests;
                var labeled = requests * 0.7;
                var labels = $"scenario=\"{scenario}\",role=\"{role}\",slice=\"{slice}\"";
                yield return ("policyengine_requests", labels, requests);
                yield return ("policyengine_errors", labels, errors);
                yield return ("policyengine_labeled", labels, labeled);
                yield return ("policyengine_correct", labels, labeled * (role == "candidate" ? 0.91 : 0.86));
                yield return ("policyengine_cost_usd", labels, requests * 0.004);
                foreach (var (quantile, latency, ttft) in new[] { (0.5, 150, 60), (0.9, 250, 100), (0.95, 300, 120), (0.99, 400, 150) })
                {
                    var q = quantile.ToString(CultureInfo.InvariantCulture);
                    var scale = role != "candidate" ? 1 : quantile >= 0.95 ? candidateLatencyScale * candidateTailScale : candidateLatencyScale;
                    yield return ("policyengine_latency_ms", $"{labels},quantile=\"{q}\"", latency * scale);
                    yield return ("policyengine_ttft_ms", $"{labels},quantile=\"{q}\"", ttft);
                }
            }
        }
    }

    /// <summary>
    /// A canary that takes traffic as it runs: cumulative counts that grow by <paramref name="candidatePerMinute"/>
    /// candidate and ten times as many baseline requests a slice every minute, from <see cref="At"/> (the first
    /// minute's counts) for <paramref name="minutes"/> minutes — what a replayed watch sees grow look by look.
    /// </summary>
    public static IEnumerable<(string Name, string Labels, DateTimeOffset At, double Value)> Growing(string scenario, double candidateErrors, double candidatePerMinute, int minutes) =>
        Enumerable.Range(1, minutes).SelectMany(minute => Scenario(scenario, candidateErrors, candidatePerMinute * minute, baselineRequests: candidatePerMinute * 10 * minute)
            .Select(s => (s.Name, s.Labels, At.AddMinutes(minute - 1), s.Value)));

    /// <summary>The series in Prometheus' text format with millisecond timestamps, one sample a minute over the five minutes up to <see cref="At"/>.</summary>
    public static string Exposition(IEnumerable<(string Name, string Labels, double Value)> series)
    {
        var text = new StringBuilder();
        foreach (var (name, labels, value) in series)
        {
            for (var minute = 5; minute >= 0; minute--)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value} {At.AddMinutes(-minute).ToUnixTimeMilliseconds()}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The query templates for <paramref name="scenario"/>, with extra settings (JSON members) spliced in.</summary>
    public static string Config(string scenario, string extra = "") => $$$"""
        {
          {{{extra}}}
          "selector": "scenario=\"{{{scenario}}}\"",
          "slices": ["all", "interactive", "billing", "search"],
          "queries": {
            "requests": "sum(policyengine_requests{{selector},role=\"{role}\",slice=\"{slice}\"})",
            "errors": "sum(policyengine_errors{{selector},role=\"{role}\",slice=\"{slice}\"})",
            "labeled": "sum(policyengine_labeled{{selector},role=\"{role}\",slice=\"{slice}\"})",
            "correct": "sum(policyengine_correct{{selector},role=\"{role}\",slice=\"{slice}\"})",
            "cost_usd": "sum(policyengine_cost_usd{{selector},role=\"{role}\",slice=\"{slice}\"})",
            "latency": "max(policyengine_latency_ms{{selector},role=\"{role}\",slice=\"{slice}\",quantile=\"{quantile}\"})",
            "ttft": "max(policyengine_ttft_ms{{selector},role=\"{role}\",slice=\"{slice}\",quantile=\"{quantile}\"})"
          },
          "samples": {
            "latency": "max(policyengine_latency_ms{{selector},role=\"{role}\",slice=\"{slice}\",quantile=\"0.5\"})"
          },
          "rangeSeconds": 300,
          "stepSeconds": 10
        }
        """;
}
