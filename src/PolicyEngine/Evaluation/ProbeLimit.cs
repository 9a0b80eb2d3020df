namespace PolicyEngine.Evaluation;

/// <summary>What a probe budget limits.</summary>
public enum ProbeLimit
{
    /// <summary>Only the provider the model ran on.</summary>
    ProviderOnly = 0,

    /// <summary>A latency percentile per batch, in milliseconds.</summary>
    MaxLatency = 1,

    /// <summary>Items per second.</summary>
    MinThroughput = 2,

    /// <summary>Argmax agreement with the baseline model.</summary>
    MinAgreement = 3,

    /// <summary>USD per one thousand inferences.</summary>
    MaxUsdPer1kInferences = 4,
}
