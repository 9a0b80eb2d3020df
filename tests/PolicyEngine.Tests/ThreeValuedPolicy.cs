namespace PolicyEngine.Tests;

/// <summary>Custom guardrails that can say "I cannot tell", and show the values they compared.</summary>
[GuardrailPolicy("three-valued", Owner = "tests@contoso.example")]
public static partial class ThreeValuedPolicy
{
    /// <summary>Accuracy of at least 0.9, unknown when no row was labeled.</summary>
    [Guardrail]
    public static bool? AccurateEnough(SliceMetrics candidate) =>
        candidate.Accuracy is { } accuracy ? accuracy >= 0.9 : null;

    /// <summary>As above, but a missing figure fails.</summary>
    [Guardrail(WhenMissing = MissingData.Fail)]
    public static bool? AccurateOrFail(SliceMetrics candidate) =>
        candidate.Accuracy is { } accuracy ? accuracy >= 0.9 : null;

    /// <summary>An error rate of at most 2 %, with the values compared.</summary>
    [Guardrail]
    public static GuardrailResult ErrorsLow(SliceMetrics candidate) =>
        GuardrailResult.AtMost(candidate.ErrorRate, 0.02, "error rate");

    /// <summary>Returns no result at all: an error, never a pass.</summary>
    [Guardrail]
    public static GuardrailResult ReturnsNothing(SliceMetrics candidate) =>
        candidate.Requests >= 0 ? null! : GuardrailResult.Pass();
}
