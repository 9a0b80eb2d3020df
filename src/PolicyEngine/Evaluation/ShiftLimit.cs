namespace PolicyEngine.Evaluation;

/// <summary>How far a distribution may shift one way: an absolute or relative change limit.</summary>
/// <param name="Change">Which change is limited: its direction, and absolute or relative to the baseline's median.</param>
/// <param name="Limit">The largest allowed change, in milliseconds or as a fraction of the baseline's median.</param>
public readonly record struct ShiftLimit(ChangeLimit Change, double Limit)
{
    /// <summary>Whether the limit is on a fraction of the baseline's median rather than on milliseconds.</summary>
    public bool Relative => Change is ChangeLimit.RelativeIncrease or ChangeLimit.RelativeDecrease;
}
