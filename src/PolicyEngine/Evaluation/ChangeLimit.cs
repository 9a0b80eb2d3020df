namespace PolicyEngine.Evaluation;

/// <summary>How a rollback threshold limits the candidate's change against the baseline.</summary>
public enum ChangeLimit
{
    /// <summary>(candidate − baseline) ÷ baseline stays at or under the limit.</summary>
    RelativeIncrease = 0,

    /// <summary>candidate − baseline stays at or under the limit.</summary>
    AbsoluteIncrease = 1,

    /// <summary>(baseline − candidate) ÷ baseline stays at or under the limit.</summary>
    RelativeDecrease = 2,

    /// <summary>baseline − candidate stays at or under the limit.</summary>
    AbsoluteDecrease = 3,
}
