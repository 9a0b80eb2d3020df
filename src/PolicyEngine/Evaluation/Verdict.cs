namespace PolicyEngine.Evaluation;

/// <summary>What a decision tells the pipeline to do; <see cref="Decision.ExitCode"/> maps it to the process exit code.</summary>
public enum Verdict
{
    /// <summary>Every guardrail that applies passed (or was waived): proceed. Exit 0.</summary>
    Pass,

    /// <summary>Only warning or info guardrails failed: proceed, and say so. Exit 0.</summary>
    Warn,

    /// <summary>A blocking guardrail failed, or was inconclusive outside a canary: do not release. Exit 1.</summary>
    Block,

    /// <summary>A blocking rollback threshold failed in a canary: roll the canary back. Exit 2.</summary>
    Rollback,

    /// <summary>A blocking guardrail was inconclusive in a canary: keep the canary as it is and wait for data. Exit 3.</summary>
    Hold,

    /// <summary>Something errored, or nothing was judged: fail closed. Exit 4.</summary>
    Error,
}
