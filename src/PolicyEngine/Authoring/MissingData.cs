namespace PolicyEngine;

/// <summary>What a guardrail's finding is when the facts it needs are missing or too few.</summary>
public enum MissingData
{
    /// <summary>The finding is inconclusive: a hold in a canary stage, a block elsewhere.</summary>
    Inconclusive = 0,

    /// <summary>The finding fails outright.</summary>
    Fail = 1,
}
