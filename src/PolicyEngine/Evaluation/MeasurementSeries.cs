namespace PolicyEngine.Evaluation;

/// <summary>What a series of measurements has decided so far.</summary>
public enum MeasurementStatus
{
    /// <summary>Not decided: measure again.</summary>
    Running,

    /// <summary>The count was reached with no limit exceeded and at least one pass, or the consecutive success limit was reached.</summary>
    Passed,

    /// <summary>More failures than the failure limit, or the count reached without the consecutive success limit (failure limit -1).</summary>
    Failed,

    /// <summary>More inconclusive measurements than the inconclusive limit, or the count reached without a decision.</summary>
    Inconclusive,

    /// <summary>More errors in a row than the consecutive-error limit.</summary>
    Error,
}

/// <summary>
/// The measurements of one guardrail during a canary, judged by a <see cref="MeasurementRules"/> as Argo
/// Rollouts judges a metric (analysis/analysis.go): an error is not a taken measurement — it counts only toward
/// the consecutive-error limit — so a source that dies never completes the count (docs/canary.md).
/// </summary>
public sealed class MeasurementSeries(MeasurementRules policy)
{
    private readonly MeasurementRules _policy = policy.Validated();
    private readonly List<Outcome> _outcomes = [];
    private readonly int? _sequentialAfter;
    private bool _endsAtNextPass;

    /// <summary>
    /// A series judged by a confidence sequence (docs/canary.md, "Anytime-valid judges"): a failed measurement rolls
    /// back at once, a passed one promotes once <paramref name="promoteAfter"/> measurements were taken, an inconclusive
    /// one means keep measuring (it counts toward no limit); the count reached without a decision holds.
    /// </summary>
    /// <param name="policy">The count, interval and consecutive-error limit (its failure and inconclusive limits do not apply).</param>
    /// <param name="promoteAfter">The fewest measurements before a pass promotes (the minimum duration in measurements), at least 1.</param>
    public MeasurementSeries(MeasurementRules policy, int promoteAfter)
        : this(policy) => _sequentialAfter = Math.Max(1, promoteAfter);

    /// <summary>Whether the series is judged by a confidence sequence.</summary>
    public bool Sequential => _sequentialAfter is not null;

    /// <summary>Every measurement's outcome, in order, errors included.</summary>
    public IReadOnlyList<Outcome> Outcomes => _outcomes;

    /// <summary>Measurements taken: those that were not errors.</summary>
    public int Taken => _outcomes.Count(o => o != Outcome.Error);

    /// <summary>Passing measurements.</summary>
    public int Passed => _outcomes.Count(o => o is Outcome.Pass or Outcome.Waived);

    /// <summary>Failed measurements.</summary>
    public int Failed => _outcomes.Count(o => o == Outcome.Fail);

    /// <summary>Inconclusive measurements (too few samples, an empty query result).</summary>
    public int Inconclusive => _outcomes.Count(o => o == Outcome.Inconclusive);

    /// <summary>Errored measurements.</summary>
    public int Errors => _outcomes.Count(o => o == Outcome.Error);

    /// <summary>Errors since the last measurement that was not an error.</summary>
    public int ConsecutiveErrors => _outcomes.AsEnumerable().Reverse().TakeWhile(o => o == Outcome.Error).Count();

    /// <summary>Passes since the last measurement that was not a pass; an error breaks the run too.</summary>
    public int ConsecutivePasses => _outcomes.AsEnumerable().Reverse().TakeWhile(o => o is Outcome.Pass or Outcome.Waived).Count();

    /// <summary>
    /// Ends the series at its latest measurement if that passed, else at its next pass (its limits still apply):
    /// a watch whose sequential thresholds have all promoted the canary early ends the other series with them
    /// (docs/canary.md, "Decisions both ways").
    /// </summary>
    public void EndAtNextPass() => _endsAtNextPass = true;

    /// <summary>Adds a measurement's outcome; returns the status after it.</summary>
    public MeasurementStatus Add(Outcome outcome)
    {
        if (Status is not MeasurementStatus.Running)
        {
            throw new InvalidOperationException($"the measurements already decided {Status}; no more are taken");
        }

        _outcomes.Add(outcome);
        return Status;
    }

    /// <summary>
    /// The status now. Measurements are added one at a time and the series stops at the first limit exceeded,
    /// so the order below only says which limit a measurement is checked against first.
    /// </summary>
    public MeasurementStatus Status =>
        _sequentialAfter is { } after ? SequentialStatus(after)
        : ConsecutiveErrors > _policy.ConsecutiveErrorLimit ? MeasurementStatus.Error
        : _policy.FailureLimitApplies && Failed > _policy.FailureLimit ? MeasurementStatus.Failed
        : _policy.InconclusiveLimit != MeasurementRules.NoLimit && Inconclusive > _policy.InconclusiveLimit ? MeasurementStatus.Inconclusive
        : _policy.SuccessLimitApplies && ConsecutivePasses >= _policy.ConsecutiveSuccessLimit ? MeasurementStatus.Passed
        : Taken < _policy.Count ? (_endsAtNextPass && LastTakenPassed ? MeasurementStatus.Passed : MeasurementStatus.Running)
        : AtCount;

    // Outcome's default is a pass: an empty series must not read as one that passed last.
    private bool LastTakenPassed => Taken > 0 && _outcomes.Last(o => o != Outcome.Error) is Outcome.Pass or Outcome.Waived;

    /// <summary>
    /// The count reached with no limit crossed, by Argo's table: with only a failure limit, a pass (we also want
    /// one measurement that passed: all-inconclusive is not a pass); with only a consecutive success limit, a
    /// failure; with both, inconclusive.
    /// </summary>
    private MeasurementStatus AtCount =>
        _policy.SuccessLimitApplies && !_policy.FailureLimitApplies ? MeasurementStatus.Failed
        : _policy.SuccessLimitApplies ? MeasurementStatus.Inconclusive
        : Passed > 0 ? MeasurementStatus.Passed
        : MeasurementStatus.Inconclusive;

    private MeasurementStatus SequentialStatus(int after) =>
        ConsecutiveErrors > _policy.ConsecutiveErrorLimit ? MeasurementStatus.Error
        : Failed > 0 ? MeasurementStatus.Failed
        : LastTakenPassed && Taken >= after ? MeasurementStatus.Passed
        : Taken < _policy.Count ? MeasurementStatus.Running
        : MeasurementStatus.Inconclusive;

    /// <summary>One line saying why the status is what it is.</summary>
    public string Reason => Sequential ? SequentialReason : Status switch
    {
        MeasurementStatus.Error => $"{ConsecutiveErrors} errors in a row exceed the limit of {_policy.ConsecutiveErrorLimit} ({Taken} of {_policy.Count} measurements taken)",
        MeasurementStatus.Failed when _policy.FailureLimitApplies && Failed > _policy.FailureLimit => $"{Failed} failed measurements exceed the limit of {_policy.FailureLimit}",
        MeasurementStatus.Failed => $"all {Taken} measurements taken without {_policy.ConsecutiveSuccessLimit} passes in a row ({Counts})",
        MeasurementStatus.Inconclusive when _policy.InconclusiveLimit != MeasurementRules.NoLimit && Inconclusive > _policy.InconclusiveLimit => $"{Inconclusive} inconclusive measurements exceed the limit of {_policy.InconclusiveLimit}",
        MeasurementStatus.Inconclusive when _policy.SuccessLimitApplies => $"all {Taken} measurements taken: neither {_policy.ConsecutiveSuccessLimit} passes in a row nor more than {_policy.FailureLimit} failures ({Counts}, at most {LongestPassRun} passes in a row)",
        MeasurementStatus.Inconclusive => $"all {Taken} measurements taken and none passed",
        MeasurementStatus.Passed when _policy.SuccessLimitApplies && ConsecutivePasses >= _policy.ConsecutiveSuccessLimit => $"{ConsecutivePasses} passes in a row reach the consecutive success limit ({Taken} of {_policy.Count} measurements taken: {Counts})",
        MeasurementStatus.Passed when _endsAtNextPass && Taken < _policy.Count => $"ended with the sequential thresholds' early promotion at a passing measurement, {Taken} of {_policy.Count} taken: {Counts}",
        MeasurementStatus.Passed => $"{Taken} of {_policy.Count} measurements taken: {Counts}, within every limit",
        _ => $"{Taken} of {_policy.Count} measurements taken" + (Errors > 0 ? $" ({Errors} errors not counted)" : ""),
    };

    private string SequentialReason => Status switch
    {
        MeasurementStatus.Error => $"{ConsecutiveErrors} errors in a row exceed the limit of {_policy.ConsecutiveErrorLimit} ({Taken} of {_policy.Count} measurements taken)",
        MeasurementStatus.Failed => $"the confidence sequence showed a regression beyond the limit at measurement {Taken} of {_policy.Count}: rolled back",
        MeasurementStatus.Passed => $"the confidence sequence showed the change within the limit at measurement {Taken} of {_policy.Count}: promoted{(Taken < _policy.Count ? " early" : "")}",
        MeasurementStatus.Inconclusive when LastTakenPassed => $"all {Taken} measurements taken and the confidence sequence showed the change within the limit, but the minimum duration is longer than the measurements reach: nothing was decided",
        MeasurementStatus.Inconclusive => $"all {Taken} measurements taken and the confidence sequence still straddles the limit: nothing was decided",
        _ => $"{Taken} of {_policy.Count} measurements taken; the confidence sequence straddles the limit" + (Errors > 0 ? $" ({Errors} errors not counted)" : ""),
    };

    private string Counts => $"{Passed} passed, {Failed} failed, {Inconclusive} inconclusive, {Errors} errors";

    private int LongestPassRun
    {
        get
        {
            int longest = 0, run = 0;
            foreach (var outcome in _outcomes)
            {
                run = outcome is Outcome.Pass or Outcome.Waived ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }

            return longest;
        }
    }
}
