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

        /// <summary>The quality metrics request telemetry measures on the Live layer (labeled rows; a confidence for calibration).</summary>
        public static readonly IReadOnlyList<string> Live = new[] { "accuracy", "hallucination_rate", "calibration_error" };

        /// <summary>Telemetry metrics a rollback threshold may compare.</summary>
        public static readonly IReadOnlyDictionary<string, TelemetryMetric> Telemetry = BuildTelemetry();

        public static string Known(IEnumerable<string> names) => string.Join(", ", names.OrderBy(n => n, System.StringComparer.Ordinal));

        /// <summary>The runtime's own table (<see cref="PolicyEngine.Specs.TelemetryMetrics"/>, linked source), keyed by name.</summary>
        private static Dictionary<string, TelemetryMetric> BuildTelemetry() =>
            PolicyEngine.Specs.TelemetryMetrics.Names.ToDictionary(
                name => name,
                name =>
                {
                    PolicyEngine.Specs.TelemetryMetrics.TryParse(name, out var metric);
                    return new TelemetryMetric(name, metric, PolicyEngine.Specs.TelemetryMetrics.HigherIsBetter(metric), PolicyEngine.Specs.TelemetryMetrics.Sampled(metric));
                });
    }
}
