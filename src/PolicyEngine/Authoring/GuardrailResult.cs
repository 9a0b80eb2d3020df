namespace PolicyEngine;

/// <summary>
/// What a custom guardrail found: whether it holds — or <see langword="null"/>, "I cannot tell" (a value it
/// needs is missing), which is inconclusive, or a failure under <c>WhenMissing = MissingData.Fail</c> — and
/// the values it compared, which the finding shows. A custom guardrail may return <see langword="bool"/>,
/// <see langword="bool"/>? or this.
/// </summary>
/// <param name="Holds">True: pass; false: fail; null: missing data.</param>
/// <param name="Observed">The value judged, shown in the finding.</param>
/// <param name="Threshold">The value it was judged against, shown in the finding.</param>
/// <param name="Reason">Why, in a sentence; a default one is used when null.</param>
public sealed record GuardrailResult(bool? Holds, double? Observed = null, double? Threshold = null, string? Reason = null)
{
    /// <summary>It holds.</summary>
    public static GuardrailResult Pass(double? observed = null, double? threshold = null, string? reason = null) => new(true, observed, threshold, reason);

    /// <summary>It does not hold.</summary>
    public static GuardrailResult Fail(double? observed = null, double? threshold = null, string? reason = null) => new(false, observed, threshold, reason);

    /// <summary>It cannot tell: a value it needs is missing.</summary>
    public static GuardrailResult Unknown(string? reason = null) => new(null, null, null, reason);

    /// <summary>Passes when <paramref name="observed"/> is at most <paramref name="max"/>; unknown when it is null or not a number.</summary>
    public static GuardrailResult AtMost(double? observed, double max, string? what = null) => Compare(observed, max, what, atMost: true);

    /// <summary>Passes when <paramref name="observed"/> is at least <paramref name="min"/>; unknown when it is null or not a number.</summary>
    public static GuardrailResult AtLeast(double? observed, double min, string? what = null) => Compare(observed, min, what, atMost: false);

    /// <summary>A plain answer as a result (what generated code calls for a <see langword="bool"/> guardrail).</summary>
    public static GuardrailResult Of(bool holds) => new(holds);

    /// <summary>A three-valued answer as a result (what generated code calls for a <see langword="bool"/>? guardrail).</summary>
    public static GuardrailResult Of(bool? holds) => new(holds);

    /// <summary>The result itself (what generated code calls for a guardrail that returns one).</summary>
    public static GuardrailResult? Of(GuardrailResult? result) => result;

    private static GuardrailResult Compare(double? observed, double limit, string? what, bool atMost)
    {
        var name = what ?? "the value";
        if (observed is not { } value || double.IsNaN(value))
        {
            return Unknown($"{name} is not measured");
        }

        var holds = atMost ? value <= limit : value >= limit;
        var relation = holds ? (atMost ? "is at most" : "is at least") : (atMost ? "exceeds" : "is below");
        return new GuardrailResult(holds, value, limit, $"{name} {Format(value)} {relation} {Format(limit)}");
    }

    private static string Format(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
