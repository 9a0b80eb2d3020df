namespace PolicyEngine;

/// <summary>The kinds of guardrail.</summary>
public enum GuardrailKind
{
    /// <summary>A latency percentile stays under a budget.</summary>
    LatencyBudget = 0,

    /// <summary>A serving-cost figure stays under a ceiling.</summary>
    CostCeiling = 1,

    /// <summary>A quality metric stays above a floor, or does not regress against the baseline.</summary>
    QualityFloor = 2,

    /// <summary>A canary metric does not regress against the baseline beyond a threshold.</summary>
    RollbackThreshold = 3,

    /// <summary>Required governance evidence is present, fresh and signed.</summary>
    ComplianceGate = 4,

    /// <summary>The ONNX probe's measurement of the model meets a budget.</summary>
    ProbeBudget = 5,

    /// <summary>A predicate written in C# over facts.</summary>
    Custom = 6,

    /// <summary>Output tokens per GPU-second stay above a floor.</summary>
    ThroughputFloor = 7,

    /// <summary>A gain over the baseline shows on enough slices, not one.</summary>
    GainBreadth = 8,

    /// <summary>The evaluation report holds every layer of the benchmark stack.</summary>
    BenchmarkCoverage = 9,
}
