namespace PolicyEngine;

/// <summary>Which lever the release pulls.</summary>
public enum Lever
{
    /// <summary>A bigger (or smaller) model.</summary>
    Scale = 0,

    /// <summary>A changed architecture: sparsity, retrieval, quantization, routing.</summary>
    Architecture = 1,

    /// <summary>Curated training data.</summary>
    DataCuration = 2,

    /// <summary>More than one lever at once.</summary>
    Hybrid = 3,
}
