namespace PolicyEngine.Evaluation;

/// <summary>What a series of measurements has decided so far.</summary>
public enum MeasurementStatus
{
    /// <summary>Not decided: measure again.</summary>
    Running,

    /// <summary>The count was reached with no limit exceeded and at least one passing measurement.</summary>
    Passed,

    /// <summary>More failures than the failure limit.</summary>
    Failed,

    /// <summary>More inconclusive measurements than the inconclusive limit, or the count reached without a pass.</summary>
    Inconclusive,

    /// <summary>More errors in a row than the consecutive-error limit.</summary>
    Error,
}

/// <summary>The measurements of one guardrail during a canary, judged by a <see cref="MeasurementPolicy"/>.</summary>
public sealed class MeasurementHistory(MeasurementPolicy policy)
{
    private readonly MeasurementPolicy _policy = policy.Validated();
    private readonly List<Outcome> _outcomes = [];

    /// <summary>Every measurement's outcome, in order.</summary>
    public IReadOnlyList<Outcome> Outcomes => _outcomes;

    /// <summary>Passing measurements.</summary>
    public int Passed => _outcomes.Count(o => o is Outcome.Pass or Outcome.Waived);

    /// <summary>Failed measurements.</summary>
    public int Failed => _outcomes.Count(o => o == Outcome.Fail);

    /// <summary>Inconclusive measurements (too few samples, an empty query result).</summary>
    public int Inconclusive => _outcomes.Count(o => o == Outcome.Inconclusive);

    /// <summary>Errors since the last measurement that was not an error.</summary>
    public int ConsecutiveErrors => _outcomes.AsEnumerable().Reverse().TakeWhile(o => o == Outcome.Error).Count();

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
        ConsecutiveErrors > _policy.ConsecutiveErrorLimit ? MeasurementStatus.Error
        : Failed > _policy.FailureLimit ? MeasurementStatus.Failed
        : Inconclusive > _policy.InconclusiveLimit ? MeasurementStatus.Inconclusive
        : _outcomes.Count < _policy.Count ? MeasurementStatus.Running
        : Passed > 0 ? MeasurementStatus.Passed
        : MeasurementStatus.Inconclusive;

    /// <summary>One line saying why the status is what it is.</summary>
    public string Reason => Status switch
    {
        MeasurementStatus.Error => $"{ConsecutiveErrors} errors in a row exceed the limit of {_policy.ConsecutiveErrorLimit}",
        MeasurementStatus.Failed => $"{Failed} failed measurements exceed the limit of {_policy.FailureLimit}",
        MeasurementStatus.Inconclusive when Inconclusive > _policy.InconclusiveLimit => $"{Inconclusive} inconclusive measurements exceed the limit of {_policy.InconclusiveLimit}",
        MeasurementStatus.Inconclusive => $"all {_outcomes.Count} measurements taken and none passed",
        MeasurementStatus.Passed => $"{_outcomes.Count} of {_policy.Count} measurements taken: {Passed} passed, {Failed} failed, {Inconclusive} inconclusive, {_outcomes.Count(o => o == Outcome.Error)} errors, within every limit",
        _ => $"{_outcomes.Count} of {_policy.Count} measurements taken",
    };
}
