namespace PolicyEngine;

/// <summary>The serving-cost figures a cost ceiling can cap, computed from request telemetry.</summary>
public enum CostMetric
{
    /// <summary>USD per one million input plus output tokens.</summary>
    UsdPer1MTokens = 0,

    /// <summary>USD per one thousand requests.</summary>
    UsdPer1kRequests = 1,

    /// <summary>Cost per request divided by accuracy: what one correct answer costs.</summary>
    UsdPerCorrectAnswer = 2,
}
