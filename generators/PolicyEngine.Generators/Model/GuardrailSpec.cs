using PolicyEngine.Evaluation;

namespace PolicyEngine.Generators.Model
{
    /// <summary>What a guardrail of one kind demands; the emitter turns it into a rule and a requirement line.</summary>
    internal abstract record GuardrailSpec(GuardrailKind Kind, string Slice);

    internal sealed record LatencyBudgetSpec(string Slice, LatencyMeasure Measure, double Percentile, double MaxMilliseconds)
        : GuardrailSpec(GuardrailKind.LatencyBudget, Slice);

    internal sealed record CostCeilingSpec(string Slice, CostMetric Metric, double Max)
        : GuardrailSpec(GuardrailKind.CostCeiling, Slice);

    internal sealed record QualityFloorSpec(string Slice, string Metric, bool HigherIsBetter, BenchmarkLayer Layer, QualityBound Bound, double Limit)
        : GuardrailSpec(GuardrailKind.QualityFloor, Slice);

    internal sealed record RollbackThresholdSpec(
        string Slice,
        TelemetryMetric Metric,
        ChangeLimit Change,
        double Limit,
        int MinSamples,
        MeasurementSpec? Measurement,
        DistributionSpec? Distribution,
        HistorySpec? History,
        string? Group,
        bool Critical,
        SequentialSpec? Sequential = null)
        : GuardrailSpec(GuardrailKind.RollbackThreshold, Slice);

    /// <summary>A rollback threshold judged by an anytime-valid confidence sequence.</summary>
    /// <param name="Confidence">Each bound's coverage at every look.</param>
    /// <param name="MinDurationSeconds">The least time before an early promotion.</param>
    /// <param name="BaselineRatio">The baseline's samples per candidate sample the sequence is tuned for.</param>
    internal sealed record SequentialSpec(double Confidence, int MinDurationSeconds, double BaselineRatio = 1)
    {
        // As PolicyEngine.Specs.SequentialSpec's LeastBaselineRatio and MostBaselineRatio, which the runtime checks again.
        public const double LeastBaselineRatio = 0.001;
        public const double MostBaselineRatio = 1000;
    }

    /// <summary>How a rollback threshold over a whole distribution judges: the optional opposite limit, confidence and NaN policy.</summary>
    /// <param name="OtherChange">The limited change in the good direction (e.g. RelativeDecrease), or null when any is allowed.</param>
    /// <param name="OtherLimit">Its limit.</param>
    /// <param name="Confidence">The test's and interval's confidence.</param>
    /// <param name="WhenNaN">Remove or Fail.</param>
    internal sealed record DistributionSpec(ChangeLimit? OtherChange, double OtherLimit, double Confidence, NaNPolicy WhenNaN);

    /// <summary>A rollback threshold compared with past passed decisions instead of the live baseline.</summary>
    /// <param name="Count">How many past decisions.</param>
    /// <param name="Percentile">The percentile of their values, or null for their mean.</param>
    internal sealed record HistorySpec(int Count, double? Percentile);

    /// <summary>Repeated measurement declared on a rollback threshold: count, interval and limits.</summary>
    internal sealed record MeasurementSpec(int Count, int IntervalSeconds, int FailureLimit, int InconclusiveLimit, int ConsecutiveErrorLimit, int ConsecutiveSuccessLimit);

    internal sealed record ComplianceGateSpec(string EvidenceKind, int MaxAgeDays, bool RequireSignature)
        : GuardrailSpec(GuardrailKind.ComplianceGate, "all");

    internal sealed record ProbeBudgetSpec(int BatchSize, ExecutionProvider Provider, ProbeLimit Limit, double Percentile, double Threshold)
        : GuardrailSpec(GuardrailKind.ProbeBudget, "all");

    internal sealed record ThroughputFloorSpec(string Slice, double MinTokensPerGpuSecond)
        : GuardrailSpec(GuardrailKind.ThroughputFloor, Slice);

    internal sealed record GainBreadthSpec(string Metric, bool HigherIsBetter, BenchmarkLayer Layer, double MinMargin, int MinSlices, double? MinShare)
        : GuardrailSpec(GuardrailKind.GainBreadth, "all");

    /// <summary>A benchmark-coverage guardrail; its layers kept as their numbers, which are equatable.</summary>
    internal sealed record BenchmarkCoverageSpec(EquatableArray<int> LayerNumbers)
        : GuardrailSpec(GuardrailKind.BenchmarkCoverage, "all")
    {
        /// <summary>The layers required, in enum order.</summary>
        public System.Collections.Generic.IEnumerable<BenchmarkLayer> Layers => System.Linq.Enumerable.Select(LayerNumbers, n => (BenchmarkLayer)n);
    }

    /// <summary>A custom predicate: the method, its parameters and its body's text (part of the fingerprint).</summary>
    internal sealed record CustomSpec(string Method, EquatableArray<PredicateParameter> Parameters, string Body)
        : GuardrailSpec(GuardrailKind.Custom, "*");

    /// <summary>A custom predicate's parameter.</summary>
    /// <param name="Name">The parameter name.</param>
    /// <param name="Type">The fully qualified type, <c>global::</c> prefixed.</param>
    /// <param name="ShortType">The type's simple name, for people.</param>
    /// <param name="Role">Candidate, Baseline, or Context for the rollout context.</param>
    internal sealed record PredicateParameter(string Name, string Type, string ShortType, string Role);

    /// <summary>A telemetry metric a rollback threshold can name.</summary>
    /// <param name="Name">The metric name, e.g. <c>error_rate</c>.</param>
    /// <param name="Value">The runtime's enum member for it.</param>
    /// <param name="HigherIsBetter">Its good direction.</param>
    /// <param name="Sampled">For a whole distribution, the <c>SampledMetric</c> member it is ranked on; else null.</param>
    internal sealed record TelemetryMetric(string Name, PolicyEngine.Specs.TelemetryMetric Value, bool HigherIsBetter, SampledMetric? Sampled);
}
