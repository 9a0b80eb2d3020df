namespace PolicyEngine;

/// <summary>The rollout stages. A guardrail applies to a set of them; a rollout is in exactly one.</summary>
[System.Flags]
public enum Stages
{
    /// <summary>No stage; a guardrail that applies to no stage is a declaration error (PE0013).</summary>
    None = 0,

    /// <summary>Before any traffic: offline evaluation, the probe, evidence.</summary>
    Offline = 1,

    /// <summary>A canary serves part of the traffic beside the baseline.</summary>
    Canary = 2,

    /// <summary>Full rollout to all traffic.</summary>
    Full = 4,

    /// <summary>Every stage.</summary>
    All = Offline | Canary | Full,
}
