namespace PolicyEngine;

/// <summary>What a distribution rollback threshold does with samples that are not numbers (NaN or infinite).</summary>
public enum NaNPolicy
{
    /// <summary>Drop them and judge the rest; the finding says how many were dropped. The minimum sample count applies to what is left.</summary>
    Remove = 0,

    /// <summary>Any such sample fails the guardrail: a NaN latency means the measuring is broken.</summary>
    Fail = 1,
}
