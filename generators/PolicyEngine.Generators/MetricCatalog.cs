using System.Collections.Generic;
using System.Linq;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    /// <summary>The metric names guardrails may use, with their good direction and how to read them.</summary>
    internal static class MetricCatalog
    {
        /// <summary>Quality metrics (evaluation reports and live labels) and whether higher is better.</summary>
        public static readonly IReadOnlyDictionary<string, bool> Quality = new Dictionary<string, bool>
        {
            ["accuracy"] = true,
            ["task_success"] = true,
            ["hallucination_rate"] = false,
            ["calibration_error"] = false,
        };

        /// <summary>Telemetry metrics a rollback threshold may compare.</summary>
        public static readonly IReadOnlyDictionary<string, TelemetryMetric> Telemetry = BuildTelemetry();

        public static string Known(IEnumerable<string> names) => string.Join(", ", names.OrderBy(n => n, System.StringComparer.Ordinal));

        private static Dictionary<string, TelemetryMetric> BuildTelemetry()
        {
            const string requests = "m.Requests", labeled = "m.LabeledRequests";
            var metrics = new List<TelemetryMetric>
            {
                new("error_rate", "m.ErrorRate", requests, HigherIsBetter: false),
                new("accuracy", "m.Accuracy", labeled, HigherIsBetter: true),
                new("hallucination_rate", "m.HallucinationRate", labeled, HigherIsBetter: false),
                new("tokens_per_second", "m.TokensPerSecond", requests, HigherIsBetter: true),
                new("usd_per_1m_tokens", "m.UsdPer1MTokens", requests, HigherIsBetter: false),
                new("usd_per_1k_requests", "m.UsdPer1kRequests", requests, HigherIsBetter: false),
                new("usd_per_correct_answer", "m.UsdPerCorrectAnswer", labeled, HigherIsBetter: false),
            };
            metrics.Add(new TelemetryMetric("latency", "", "", HigherIsBetter: false, Sampled: SampledMetric.Latency));
            metrics.Add(new TelemetryMetric("ttft", "", "", HigherIsBetter: false, Sampled: SampledMetric.Ttft));
            foreach (var p in new[] { "50", "90", "95", "99" })
            {
                metrics.Add(new TelemetryMetric($"latency_p{p}", $"m.Latency.At({p})", requests, HigherIsBetter: false));
                metrics.Add(new TelemetryMetric($"ttft_p{p}", $"m.Ttft.At({p})", requests, HigherIsBetter: false));
            }

            return metrics.ToDictionary(m => m.Name);
        }
    }
}
