namespace PolicyEngine.Evaluation;

/// <summary>Which side of a quality floor is held.</summary>
public enum QualityBound
{
    /// <summary>The value stays at or above a minimum.</summary>
    Min = 0,

    /// <summary>The value stays at or below a maximum.</summary>
    Max = 1,

    /// <summary>The value moves in the bad direction versus the baseline by at most a limit.</summary>
    MaxRegression = 2,
}
