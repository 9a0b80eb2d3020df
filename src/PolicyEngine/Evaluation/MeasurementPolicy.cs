namespace PolicyEngine.Evaluation;

/// <summary>
/// How repeated measurements of a canary decide, after Argo Rollouts' analysis runs: take <see cref="Count"/>
/// measurements <see cref="Interval"/> apart; more failures than <see cref="FailureLimit"/> fail, more
/// inconclusive ones than <see cref="InconclusiveLimit"/> hold, more errors in a row than
/// <see cref="ConsecutiveErrorLimit"/> error — each as soon as it happens. docs/canary.md lists where we differ.
/// </summary>
/// <param name="Count">Measurements to take; at least one.</param>
/// <param name="Interval">Time between measurements.</param>
/// <param name="FailureLimit">Failed measurements tolerated (Argo's default: 0).</param>
/// <param name="InconclusiveLimit">Inconclusive measurements tolerated (Argo's default: 0).</param>
/// <param name="ConsecutiveErrorLimit">Errors in a row tolerated (Argo's default: 4).</param>
public sealed record MeasurementPolicy(int Count, TimeSpan Interval, int FailureLimit = 0, int InconclusiveLimit = 0, int ConsecutiveErrorLimit = 4)
{
    /// <summary>Refuses a policy that cannot decide: no measurements, or a negative limit.</summary>
    public MeasurementPolicy Validated() =>
        Count < 1 ? throw new ArgumentOutOfRangeException(nameof(Count), Count, "at least one measurement")
        : Interval < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(Interval), Interval, "a non-negative interval")
        : FailureLimit < 0 || InconclusiveLimit < 0 || ConsecutiveErrorLimit < 0 ? throw new ArgumentOutOfRangeException(nameof(FailureLimit), "limits are zero or more")
        : this;
}
