using System;
using System.Linq;
using PolicyEngine.Evaluation;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    /// <summary>What a guardrail demands, in one line a person reads (not hashed: the fingerprint is over <see cref="CanonicalForm"/>).</summary>
    internal static class Requirement
    {
        /// <summary>What the guardrail demands, and for which levers when not every one.</summary>
        public static string Of(GuardrailModel g) =>
            g.Levers == Levers.All ? Describe(g.Spec) : $"{Describe(g.Spec)}; for {LeversText(g.Levers)} releases only";

        public static string Describe(GuardrailSpec spec) => spec switch
        {
            LatencyBudgetSpec s =>
                $"P{F(s.Percentile)} {(s.Measure == LatencyMeasure.Request ? "request latency" : "time to first token")} ≤ {F(s.MaxMilliseconds)} ms on slice '{s.Slice}'",
            CostCeilingSpec s =>
                $"{CostName(s.Metric)} ≤ {F(s.Max)} on slice '{s.Slice}'",
            QualityFloorSpec s => s.Bound switch
            {
                QualityBound.Min => $"{s.Metric} ≥ {F(s.Limit)} on the {s.Layer} layer, slice '{s.Slice}'",
                QualityBound.Max => $"{s.Metric} ≤ {F(s.Limit)} on the {s.Layer} layer, slice '{s.Slice}'",
                _ => $"{s.Metric} regresses by at most {F(s.Limit)} versus the baseline on the {s.Layer} layer, slice '{s.Slice}'",
            },
            RollbackThresholdSpec s => Rollback(s),
            ComplianceGateSpec s =>
                $"{(s.RequireSignature ? "signed " : "")}'{s.EvidenceKind}' evidence for the candidate model and version" +
                (s.MaxAgeDays > 0 ? $", at most {s.MaxAgeDays} days old" : ""),
            ProbeBudgetSpec s => Probe(s),
            ThroughputFloorSpec s => $"output tokens per GPU-second ≥ {F(s.MinTokensPerGpuSecond)} on slice '{s.Slice}'",
            GainBreadthSpec s => Breadth(s),
            BenchmarkCoverageSpec s => $"the evaluation report has candidate results on every layer of the benchmark stack: {string.Join(", ", s.Layers.Select(Layer))}",
            CustomSpec s =>
                $"{s.Method}({string.Join(", ", s.Parameters.Select(p => (p.Role == "Baseline" ? "[Baseline] " : "") + p.ShortType + " " + p.Name))}) holds on every candidate slice",
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };

        public static string KindName(GuardrailKind kind) => kind switch
        {
            GuardrailKind.LatencyBudget => "latency budget",
            GuardrailKind.CostCeiling => "cost ceiling",
            GuardrailKind.QualityFloor => "quality floor",
            GuardrailKind.RollbackThreshold => "rollback threshold",
            GuardrailKind.ComplianceGate => "compliance gate",
            GuardrailKind.ProbeBudget => "probe budget",
            GuardrailKind.ThroughputFloor => "throughput floor",
            GuardrailKind.GainBreadth => "breadth of gain",
            GuardrailKind.BenchmarkCoverage => "benchmark coverage",
            _ => "custom",
        };

        private static string Rollback(RollbackThresholdSpec s)
        {
            string Amount(ChangeLimit change, double limit) => change is ChangeLimit.RelativeIncrease or ChangeLimit.RelativeDecrease ? F(limit * 100) + " %" : F(limit);
            string Limit(ChangeLimit change, double limit) => $"{Change(change)} ≤ {Amount(change, limit)}";
            var against = s.History is { } h
                ? $"the {(h.Percentile is { } p ? "P" + F(p) : "mean")} of the last {h.Count} passed decisions on earlier versions"
                : "the baseline";
            var text = s.Distribution is { } d
                ? $"{s.Metric.Name} distribution shift (Hodges–Lehmann, Mann–Whitney at {F(d.Confidence * 100)} % confidence) versus the baseline: {Limit(s.Change, s.Limit)}" +
                  (d.OtherChange is not { } other ? "" : $", {Limit(other, d.OtherLimit)}") +
                  $" on slice '{s.Slice}', with at least {s.MinSamples} samples each side; samples that are not numbers {(d.WhenNaN == NaNPolicy.Fail ? "fail it" : "are removed")}"
                : $"{s.Metric.Name} {Change(s.Change)} versus {against} ≤ {Amount(s.Change, s.Limit)} on slice '{s.Slice}', with at least {s.MinSamples} samples{(s.History is null ? " each side" : "")}";
            if (s.Sequential is { } q)
            {
                var what = s.Distribution is not null ? $"{s.Metric.Name} typical value (geometric mean)" : s.Metric.Name;
                var from = PolicyEngine.Specs.TelemetryMetrics.Percentile(s.Metric.Value) is not null ? ", bounded from the raw samples"
                    : PolicyEngine.Specs.TelemetryMetrics.PerRequest(s.Metric.Value) is not null ? ", bounded from each request's figure"
                    : "";
                text = $"{what} {Change(s.Change)} versus the baseline ≤ {Amount(s.Change, s.Limit)} on slice '{s.Slice}'{from}";
                text += $", judged by a confidence sequence, each bound at {F(q.Confidence * 100)} % and valid at every look: rolled back as soon as it shows the change beyond the limit, promoted as soon as it shows it within (after {s.MinSamples} samples each side{(q.MinDurationSeconds > 0 ? $" and {q.MinDurationSeconds} s" : "")})";
                if (q.BaselineRatio != 1)
                {
                    text += $", tuned for {F(q.BaselineRatio)} baseline samples per candidate sample";
                }
            }

            if (s.Group is not null)
            {
                text += $"; scored in metric group '{s.Group}'{(s.Critical ? ", critical" : "")}";
            }
            else if (s.Critical)
            {
                text += "; critical";
            }

            if (s.Measurement is { } m)
            {
                text += $"; watched over {m.Count} measurements {m.IntervalSeconds} s apart (errors not counted), "
                    + (m.FailureLimit < 0 ? "never rolled back for failures alone" : $"rolled back after more than {m.FailureLimit} failed")
                    + (m.InconclusiveLimit < 0 ? ", never held for inconclusive ones" : $", held after more than {m.InconclusiveLimit} inconclusive")
                    + $", erroring after more than {m.ConsecutiveErrorLimit} errors in a row"
                    + (m.ConsecutiveSuccessLimit > 0 ? $", passed after {m.ConsecutiveSuccessLimit} passes in a row" : "");
            }

            return text;
        }

        private static string Probe(ProbeBudgetSpec s)
        {
            var on = s.Provider == ExecutionProvider.Any ? "" : $" on {s.Provider}";
            return s.Limit switch
            {
                ProbeLimit.ProviderOnly => $"the probe at batch {s.BatchSize} runs on {s.Provider}",
                ProbeLimit.MaxLatency => $"P{F(s.Percentile)} latency at batch {s.BatchSize} ≤ {F(s.Threshold)} ms{on}",
                ProbeLimit.MinThroughput => $"throughput at batch {s.BatchSize} ≥ {F(s.Threshold)} items/s{on}",
                ProbeLimit.MinAgreement => $"argmax agreement with the baseline model at batch {s.BatchSize} ≥ {F(s.Threshold)}{on}",
                _ => $"USD per 1k inferences at batch {s.BatchSize} ≤ {F(s.Threshold)}{on}",
            };
        }

        private static string Breadth(GainBreadthSpec s)
        {
            var needed = s.MinSlices > 0 && s.MinShare is { } both ? $"at least {s.MinSlices} slices and {F(both * 100)} % of the slices measured"
                : s.MinShare is { } share ? $"at least {F(share * 100)} % of the slices measured"
                : $"at least {s.MinSlices} slice{(s.MinSlices == 1 ? "" : "s")}";
            var margin = s.MinMargin > 0 ? $" by at least {F(s.MinMargin)}" : "";
            return $"{s.Metric} beats the baseline{margin} on {needed} on the {s.Layer} layer ({(s.HigherIsBetter ? "higher" : "lower")} is better)";
        }

        /// <summary>Levers as the requirement line names them, or empty for every lever.</summary>
        public static string LeversText(Levers levers) =>
            levers == Levers.All ? "" : string.Join(", ", new[] { Levers.Scale, Levers.Architecture, Levers.DataCuration, Levers.Hybrid }.Where(l => (levers & l) != 0).Select(LeverName));

        private static string LeverName(Levers lever) => lever == Levers.DataCuration ? "data-curation" : lever.ToString().ToLowerInvariant();

        private static string Layer(BenchmarkLayer layer) => layer == BenchmarkLayer.ProductionOffline ? "production-offline" : layer.ToString().ToLowerInvariant();

        private static string CostName(CostMetric metric) => metric switch
        {
            CostMetric.UsdPer1MTokens => "USD per 1M tokens",
            CostMetric.UsdPer1kRequests => "USD per 1k requests",
            _ => "USD per correct answer",
        };

        private static string Change(ChangeLimit change) => change switch
        {
            ChangeLimit.RelativeIncrease => "relative increase",
            ChangeLimit.AbsoluteIncrease => "absolute increase",
            ChangeLimit.RelativeDecrease => "relative decrease",
            _ => "absolute decrease",
        };

        private static string F(double value) => GuardrailGenerator.Parser.Format(Math.Round(value, 10));
    }
}
