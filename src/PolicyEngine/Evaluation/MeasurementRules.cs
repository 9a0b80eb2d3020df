namespace PolicyEngine.Evaluation;

/// <summary>
/// How repeated measurements of a canary decide, after Argo Rollouts' analysis runs: take <see cref="Count"/>
/// measurements that are not errors, <see cref="Interval"/> apart; more failures than <see cref="FailureLimit"/>
/// fail, more inconclusive ones than <see cref="InconclusiveLimit"/> hold, more errors in a row than
/// <see cref="ConsecutiveErrorLimit"/> error, and <see cref="ConsecutiveSuccessLimit"/> passes in a row pass —
/// each as soon as it happens. docs/canary.md lists where we differ.
/// </summary>
/// <param name="Count">Measurements to take, errors not counted; at least one.</param>
/// <param name="Interval">Time between measurements.</param>
/// <param name="FailureLimit">Failed measurements tolerated (Argo's default: 0); <see cref="NoLimit"/> for no limit.</param>
/// <param name="InconclusiveLimit">Inconclusive measurements tolerated (Argo's default: 0); <see cref="NoLimit"/> for no limit.</param>
/// <param name="ConsecutiveErrorLimit">Errors in a row tolerated (Argo's default: 4).</param>
/// <param name="ConsecutiveSuccessLimit">Passes in a row that pass the series at once; 0 (the default) for none.</param>
public sealed record MeasurementRules(int Count, TimeSpan Interval, int FailureLimit = 0, int InconclusiveLimit = 0, int ConsecutiveErrorLimit = 4, int ConsecutiveSuccessLimit = 0)
{
    /// <summary>A failure or inconclusive limit of -1: no number of them ends the series, as in Argo Rollouts.</summary>
    public const int NoLimit = -1;

    /// <summary>Whether failures can end the series.</summary>
    public bool FailureLimitApplies => FailureLimit != NoLimit;

    /// <summary>Whether passes in a row can end the series.</summary>
    public bool SuccessLimitApplies => ConsecutiveSuccessLimit > 0;

    /// <summary>The problem that keeps the policy from deciding safely, or null.</summary>
    public string? Problem =>
        Count < 1 ? $"count is {Count}; expected at least one measurement"
        : Interval < TimeSpan.Zero ? $"interval is {Interval}; expected zero or more"
        : FailureLimit < NoLimit ? $"failure limit is {FailureLimit}; expected 0 or more, or -1 for no limit"
        : InconclusiveLimit < NoLimit ? $"inconclusive limit is {InconclusiveLimit}; expected 0 or more, or -1 for no limit"
        : ConsecutiveErrorLimit < 0 ? $"consecutive error limit is {ConsecutiveErrorLimit}; expected 0 or more"
        : ConsecutiveSuccessLimit < 0 ? $"consecutive success limit is {ConsecutiveSuccessLimit}; expected 0 (none) or more"
        : ConsecutiveSuccessLimit > Count ? $"consecutive success limit {ConsecutiveSuccessLimit} exceeds the count {Count}; it could never be reached"
        // Argo passes a series with neither limit once its count is reached, failures and all; we refuse it.
        : !FailureLimitApplies && !SuccessLimitApplies ? "failure limit -1 (no limit) needs a consecutive success limit; otherwise no measurement could fail the canary"
        : null;

    /// <summary>Refuses a policy that cannot decide safely (<see cref="Problem"/>).</summary>
    /// <exception cref="ArgumentException">The policy has a <see cref="Problem"/>.</exception>
    public MeasurementRules Validated() => Problem is { } problem ? throw new ArgumentException($"measurement policy: {problem}") : this;
}
