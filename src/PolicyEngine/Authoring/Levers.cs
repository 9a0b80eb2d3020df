namespace PolicyEngine;

/// <summary>The levers a guardrail applies to: a release pulling another lever is not judged by it.</summary>
[System.Flags]
public enum Levers
{
    /// <summary>No lever: the guardrail would never apply (PE0038).</summary>
    None = 0,

    /// <summary>A bigger (or smaller) model.</summary>
    Scale = 1,

    /// <summary>A changed architecture.</summary>
    Architecture = 2,

    /// <summary>Curated training data.</summary>
    DataCuration = 4,

    /// <summary>More than one lever at once.</summary>
    Hybrid = 8,

    /// <summary>Every lever (the default).</summary>
    All = Scale | Architecture | DataCuration | Hybrid,
}
