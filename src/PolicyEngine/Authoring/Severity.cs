namespace PolicyEngine;

/// <summary>What a failing guardrail does to the decision.</summary>
public enum Severity
{
    /// <summary>A failure blocks the release (or rolls the canary back, for a rollback threshold).</summary>
    Block = 0,

    /// <summary>A failure is reported and turns the decision into a warning; the release may proceed.</summary>
    Warn = 1,

    /// <summary>A failure is reported for information only.</summary>
    Info = 2,
}
