using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using PolicyEngine.Evaluation;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        internal sealed partial class Parser
        {
            /// <summary>A rollback threshold's spec: its metric, its one limit in the bad direction, and what it is compared with.</summary>
            private GuardrailSpec? ParseRollbackThreshold(GuardrailContext c)
            {
                var (id, attribute, location, slice) = (c.Id, c.Attribute, c.Location, c.Slice);
                var name = Constructor<string>(attribute, 0) ?? "";
                if (!MetricCatalog.Telemetry.TryGetValue(name, out var metric))
                {
                    Report(DiagnosticDescriptors.UnknownMetric, location, id, name, MetricCatalog.Known(MetricCatalog.Telemetry.Keys));
                    return null;
                }

                // The bad direction's limit is required; for a distribution the good direction may be limited too.
                var bad = metric.HigherIsBetter ? new[] { "MaxRelativeDecrease", "MaxAbsoluteDecrease" } : new[] { "MaxRelativeIncrease", "MaxAbsoluteIncrease" };
                var good = metric.HigherIsBetter ? new[] { "MaxRelativeIncrease", "MaxAbsoluteIncrease" } : new[] { "MaxRelativeDecrease", "MaxAbsoluteDecrease" };
                var goodSet = good.Select(n => (Name: n, Value: NamedDouble(attribute, n))).Where(x => x.Value is not null).ToList();
                if (metric.Sampled is null && goodSet.Count > 0)
                {
                    Report(DiagnosticDescriptors.WrongDirection, location, id,
                        $"limits {(metric.HigherIsBetter ? "an increase" : "a decrease")} of {name}, which is better when {(metric.HigherIsBetter ? "higher: limit its decrease" : "lower: limit its increase")}");
                    return null;
                }

                var change = OneOf(attribute, id, location, bad);
                if (change is null)
                {
                    return null;
                }

                var (limitName, limit) = change.Value;
                foreach (var (n, v) in new[] { (limitName, limit) }.Concat(goodSet.Select(x => (x.Name, x.Value!.Value))))
                {
                    if (v < 0 || double.IsNaN(v))
                    {
                        Report(DiagnosticDescriptors.NegativeThreshold, location, id, $"sets a negative {n}; use 0 to allow no change");
                    }
                }

                var minSamples = Named(attribute, "MinSamples") is int min ? min : 100;
                CheckPositive(minSamples, "MinSamples", id, location);
                var group = Named(attribute, "Group") as string;
                if (group is not null && group.Trim().Length == 0)
                {
                    Report(DiagnosticDescriptors.EmptyGroup, location, id, "sets an empty Group; name a [MetricGroup] of the policy, or leave Group unset");
                }
                else if (group is not null && !c.Policy.Groups.Any(g => g.Name == group))
                {
                    Report(DiagnosticDescriptors.UndeclaredGroup, location, c.Policy.Name,
                        $"has no metric group '{group}', which guardrail '{id}' scores in; declare it with [MetricGroup(\"{group}\")] on the policy class"
                        + (c.Policy.Groups.Count > 0 ? $" (declared: {string.Join(", ", c.Policy.Groups.Select(x => x.Name))})" : ""));
                }

                var critical = Named(attribute, "Critical") is true;
                var measurement = Measurement(attribute, id, location);
                if (measurement is not null && group is not null && !critical)
                {
                    // Its own series would roll back on a failure the score is meant to weigh.
                    Report(DiagnosticDescriptors.GroupedMeasurement, location, c.Policy.Name,
                        $"lets guardrail '{id}' declare Measurements while it scores in group '{group}'; its policy's score decides it, so leave its measurement to the watch, or make it Critical");
                }

                var sequential = Sequential(attribute, id, location, metric, measurement, group);
                return new RollbackThresholdSpec(slice, metric, Change(limitName), limit, minSamples, measurement,
                    Distribution(attribute, id, location, metric, goodSet, sequential is not null), History(attribute, id, location, metric), group, critical, sequential);
            }

            /// <summary>The metrics a confidence sequence judges: rates of Bernoulli outcomes, whole distributions, and their percentiles.</summary>
            private static readonly string[] SequentialMetrics =
            {
                "error_rate", "accuracy", "hallucination_rate", "latency", "ttft",
                "latency_p50", "latency_p90", "latency_p95", "latency_p99", "ttft_p50", "ttft_p90", "ttft_p95", "ttft_p99",
                "usd_per_1k_requests",
            };

            /// <summary>A sequential threshold's settings, or null when it is judged for one look at a time (Sequential unset).</summary>
            private SequentialSpec? Sequential(AttributeData attribute, string id, Location location, TelemetryMetric metric, MeasurementSpec? measurement, string? group)
            {
                var minDuration = Named(attribute, "MinDurationSeconds") is int d ? d : 0;
                // Read as written: NamedDouble takes NaN for unset, and a ratio of NaN is one to refuse.
                var ratio = Named(attribute, "BaselineRatio") switch { double x => x, int x => x, _ => (double?)null };
                if (Named(attribute, "Sequential") is not true)
                {
                    if (minDuration != 0)
                    {
                        Report(DiagnosticDescriptors.InvalidSequential, location, id, "sets MinDurationSeconds without Sequential = true; it applies to a sequential threshold's early promotion only");
                    }

                    if (ratio is not null)
                    {
                        Report(DiagnosticDescriptors.InvalidSequential, location, id, "sets BaselineRatio without Sequential = true; it tunes a confidence sequence only");
                    }

                    return null;
                }

                var confidence = NamedDouble(attribute, "Confidence") ?? 0.95;
                var problem = !SequentialMetrics.Contains(metric.Name) ? $"is Sequential on {metric.Name}; confidence sequences judge {string.Join(", ", SequentialMetrics)}"
                    : Named(attribute, "HistoryCount") is int h && h > 0 ? "is Sequential and compares with history; a confidence sequence compares the live arms"
                    : measurement is null ? "is Sequential without its own Measurements; a sequence decides its own series (early rollback, early promotion), so declare Measurements"
                    : group is not null ? "is Sequential and scores in a metric group; a sequence decides alone"
                    : minDuration < 0 ? $"sets MinDurationSeconds to {minDuration}; expected 0 or more"
                    : minDuration > 0 && measurement.IntervalSeconds <= 0 ? $"sets MinDurationSeconds {minDuration} with MeasurementIntervalSeconds 0; the minimum duration is counted in measurement intervals, and measurements no time apart never reach it"
                    : minDuration > 0 && MeasurementsIn(minDuration, measurement) > measurement.Count ? $"sets MinDurationSeconds {minDuration}, which takes {MeasurementsIn(minDuration, measurement)} measurements {measurement.IntervalSeconds} s apart, more than its {measurement.Count} Measurements; it could never promote the canary"
                    : !(confidence > 0 && confidence < 1) ? $"sets Confidence {Format(confidence)}; expected a number between 0 and 1, e.g. 0.95"
                    : ratio is { } r && !(r >= SequentialSpec.LeastBaselineRatio && r <= SequentialSpec.MostBaselineRatio)
                        ? $"sets BaselineRatio {Format(r)}; expected the baseline's samples per candidate sample, from {Format(SequentialSpec.LeastBaselineRatio)} to {Format(SequentialSpec.MostBaselineRatio)} (9 for a canary on a tenth of the traffic)"
                    : null;
                if (problem is not null)
                {
                    Report(DiagnosticDescriptors.InvalidSequential, location, id, problem);
                    return null;
                }

                return new SequentialSpec(confidence, minDuration, ratio ?? 1);
            }

            /// <summary>The measurements a minimum duration takes, as the watch counts them: whole intervals, rounded up.</summary>
            private static long MeasurementsIn(int minDurationSeconds, MeasurementSpec measurement) =>
                ((long)minDurationSeconds + measurement.IntervalSeconds - 1) / measurement.IntervalSeconds;

            /// <summary>How a distribution threshold judges; null for a single figure, where setting its properties is an error.</summary>
            private DistributionSpec? Distribution(AttributeData attribute, string id, Location location, TelemetryMetric metric, List<(string Name, double? Value)> good, bool sequential)
            {
                // A sequential threshold's Confidence is its sequence's, whatever the metric.
                var confidence = sequential ? null : NamedDouble(attribute, "Confidence");
                var whenNaN = Named(attribute, "WhenNaN") is int nan ? (NaNPolicy?)nan : null;
                if (metric.Sampled is null)
                {
                    if (confidence is not null || whenNaN is not null)
                    {
                        Report(DiagnosticDescriptors.DistributionSettingOnFigure, location, id,
                            $"sets {(confidence is not null ? "Confidence" : "WhenNaN")}, which applies to a whole distribution only (latency, ttft), not to {metric.Name}");
                    }

                    return null;
                }

                if (good.Count > 1)
                {
                    Report(DiagnosticDescriptors.TwoGoodLimits, location, id, $"sets both {good[0].Name} and {good[1].Name}; set at most one");
                }

                if (confidence is { } c && !(c > 0 && c < 1))
                {
                    Report(DiagnosticDescriptors.ConfidenceOutOfRange, location, id, $"sets Confidence {Format(c)}; expected a number between 0 and 1, e.g. 0.95");
                }

                return new DistributionSpec(good.Count == 0 ? null : Change(good[0].Name), good.Count == 0 ? 0 : good[0].Value!.Value, confidence ?? 0.95, whenNaN ?? NaNPolicy.Remove);
            }

            /// <summary>MaxRelativeIncrease → ChangeLimit.RelativeIncrease.</summary>
            private static ChangeLimit Change(string property) => (ChangeLimit)System.Enum.Parse(typeof(ChangeLimit), property.Substring("Max".Length));

            /// <summary>The history a threshold compares with, or null when it compares with the live baseline (HistoryCount = 0).</summary>
            private HistorySpec? History(AttributeData attribute, string id, Location location, TelemetryMetric metric)
            {
                var count = Named(attribute, "HistoryCount") is int n ? n : 0;
                var percentile = NamedDouble(attribute, "HistoryPercentile");
                if (count == 0)
                {
                    if (percentile is not null)
                    {
                        Report(DiagnosticDescriptors.HistoryPercentileWithoutCount, location, id, "sets HistoryPercentile without HistoryCount; set how many past decisions to compare with");
                    }

                    return null;
                }

                CheckPositive(count, "HistoryCount", id, location);
                if (metric.Sampled is not null)
                {
                    Report(DiagnosticDescriptors.DistributionAgainstHistory, location, id,
                        $"compares the distribution {metric.Name} with history; decision records keep figures, not samples: use {metric.Name}_p50…_p99");
                }

                if (percentile is { } p)
                {
                    CheckPercentile(p, id, location);
                }

                return new HistorySpec(count, percentile);
            }

            /// <summary>The repeated measurement a rollback threshold declares, or null when it leaves that to the watch (Measurements = 0).</summary>
            private MeasurementSpec? Measurement(AttributeData attribute, string id, Location location)
            {
                var count = Named(attribute, "Measurements") is int declared ? declared : 0;
                if (count == 0)
                {
                    return null;
                }

                CheckPositive(count, "Measurements", id, location);
                var spec = new MeasurementSpec(
                    count,
                    Named(attribute, "MeasurementIntervalSeconds") is int interval ? interval : 60,
                    Named(attribute, "FailureLimit") is int failures ? failures : 0,
                    Named(attribute, "InconclusiveLimit") is int inconclusive ? inconclusive : 0,
                    Named(attribute, "ConsecutiveErrorLimit") is int errors ? errors : 4,
                    Named(attribute, "ConsecutiveSuccessLimit") is int successes ? successes : 0);
                // -1 is Argo's "no limit" for failures and inconclusive measurements; nothing lower means anything.
                foreach (var (name, value, lowest) in new[]
                         {
                             ("MeasurementIntervalSeconds", spec.IntervalSeconds, 0), ("FailureLimit", spec.FailureLimit, -1),
                             ("InconclusiveLimit", spec.InconclusiveLimit, -1), ("ConsecutiveErrorLimit", spec.ConsecutiveErrorLimit, 0),
                             ("ConsecutiveSuccessLimit", spec.ConsecutiveSuccessLimit, 0),
                         })
                {
                    if (value < lowest)
                    {
                        Report(DiagnosticDescriptors.InvalidMeasurementLimit, location, id, $"sets {name} to {value}; expected {(lowest == 0 ? "0 or more" : "0 or more, or -1 for no limit")}");
                    }
                }

                if (spec.ConsecutiveSuccessLimit > spec.Count)
                {
                    Report(DiagnosticDescriptors.UnreachableSuccessLimit, location, id, $"sets ConsecutiveSuccessLimit {spec.ConsecutiveSuccessLimit} above its {spec.Count} Measurements; it could never be reached");
                }

                if (spec.FailureLimit == -1 && spec.ConsecutiveSuccessLimit == 0)
                {
                    Report(DiagnosticDescriptors.NothingCanFail, location, id, "sets FailureLimit = -1 (no limit) without a ConsecutiveSuccessLimit; no measurement could fail the canary");
                }

                return spec;
            }
        }
    }
}
