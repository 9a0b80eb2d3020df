namespace PolicyEngine.Generators.Tests;

/// <summary>Guardrail sources the generator tests compile.</summary>
internal static class Sources
{
    /// <summary>One policy with every guardrail kind.</summary>
    public const string EveryKind = """
        using PolicyEngine;

        namespace Contoso.Guardrails;

        /// <summary>Every kind of guardrail.</summary>
        [GuardrailPolicy("checkout-bot", Owner = "ml-platform@contoso.example")]
        public static partial class CheckoutBot
        {
            /// <summary>P95 under 400 ms.</summary>
            [LatencyBudget(Percentile = 95, MaxMilliseconds = 400)]
            public static partial Guardrail P95 { get; }

            /// <summary>Under half a cent per correct answer.</summary>
            [CostCeiling(CostMetric.UsdPerCorrectAnswer, Max = 0.005, Severity = Severity.Warn)]
            public static partial Guardrail CostPerCorrectAnswer { get; }

            /// <summary>Accuracy of at least 0.8 on the business layer.</summary>
            [QualityFloor("accuracy", BenchmarkLayer.Business, Min = 0.8)]
            public static partial Guardrail BusinessAccuracy { get; }

            /// <summary>Error rate may rise by at most a quarter.</summary>
            [RollbackThreshold("error_rate", MaxRelativeIncrease = 0.25, MinSamples = 10, Stages = Stages.All, Measurements = 3, MeasurementIntervalSeconds = 30, FailureLimit = 1)]
            public static partial Guardrail ErrorRate { get; }

            /// <summary>A signed model card.</summary>
            [ComplianceGate("model-card", RequireSignature = true, Owner = "governance@contoso.example")]
            public static partial Guardrail ModelCard { get; }

            /// <summary>At least 100 items per second at batch 8.</summary>
            [ProbeBudget(BatchSize = 8, MinThroughput = 100)]
            public static partial Guardrail Throughput { get; }

            /// <summary>At least 1,500 output tokens per GPU-second, for scale and hybrid releases.</summary>
            [ThroughputFloor(MinTokensPerGpuSecond = 1500, Levers = Levers.Scale | Levers.Hybrid)]
            public static partial Guardrail GpuThroughput { get; }

            /// <summary>Accuracy gains a point on at least three business slices.</summary>
            [GainBreadth("accuracy", BenchmarkLayer.Business, MinMargin = 0.01, MinSlices = 3)]
            public static partial Guardrail BroadGain { get; }

            /// <summary>Every layer of the benchmark stack.</summary>
            [BenchmarkCoverage]
            public static partial Guardrail StackCovered { get; }

            /// <summary>Latency on the live traffic is no worse than the baseline's.</summary>
            [Guardrail(Id = "no-latency-regression")]
            internal static bool NoSlower(SliceMetrics candidate, [Baseline] SliceMetrics baseline, RolloutContext release) =>
                release.Model.Length > 0 && candidate.Latency.At(95) <= baseline.Latency.At(95);
        }
        """;

    /// <summary>A second policy, for incrementality.</summary>
    public const string Other = """
        using PolicyEngine;

        namespace Contoso.Guardrails;

        /// <summary>Another team's guardrails.</summary>
        [GuardrailPolicy("search-ranker", Owner = "search@contoso.example")]
        public static partial class SearchRanker
        {
            /// <summary>P99 under 900 ms.</summary>
            [LatencyBudget(Percentile = 99, MaxMilliseconds = 900)]
            public static partial Guardrail P99 { get; }
        }
        """;
}
