using System.Globalization;

namespace PolicyEngine.Evaluation;

/// <summary>One guardrail's verdict on one subject (a slice, a batch size, an evidence kind), with its evidence.</summary>
/// <param name="GuardrailId">The guardrail's id.</param>
/// <param name="Kind">The guardrail's kind.</param>
/// <param name="Severity">The guardrail's severity.</param>
/// <param name="Outcome">What it found.</param>
/// <param name="Slice">The subject's slice.</param>
/// <param name="Observed">The observed value, when there is one.</param>
/// <param name="Threshold">The threshold it was held to, when there is one.</param>
/// <param name="SampleCount">How many samples the observed value rests on, when known.</param>
/// <param name="Reason">One line a person reads.</param>
public sealed record Finding(
    string GuardrailId,
    GuardrailKind Kind,
    Severity Severity,
    Outcome Outcome,
    string Slice,
    double? Observed,
    double? Threshold,
    long? SampleCount,
    string Reason)
{
    /// <summary>A finding of the guardrail on a slice.</summary>
    public static Finding Of(Guardrail guardrail, Outcome outcome, string slice, double? observed, double? threshold, long? samples, string reason) =>
        new(guardrail.Id, guardrail.Kind, guardrail.Severity, outcome, slice, observed, threshold, samples, reason);

    /// <summary>Pass when <paramref name="holds"/>, else fail.</summary>
    public static Finding Judge(Guardrail guardrail, bool holds, string slice, double? observed, double? threshold, long? samples, string reason) =>
        Of(guardrail, holds ? Outcome.Pass : Outcome.Fail, slice, observed, threshold, samples, reason);

    /// <summary>The facts are missing or too few: inconclusive, or a failure where the guardrail says so.</summary>
    public static Finding Missing(Guardrail guardrail, string slice, string reason, long? samples = null) =>
        Of(guardrail, guardrail.WhenMissing == MissingData.Fail ? Outcome.Fail : Outcome.Inconclusive, slice, null, null, samples, reason);

    /// <summary>Evaluating the guardrail threw.</summary>
    public static Finding Errored(Guardrail guardrail, string slice, Exception exception) =>
        Of(guardrail, Outcome.Error, slice, null, null, null, $"evaluation threw {exception.GetType().Name}: {exception.Message}");

    /// <summary>For a sequential threshold, the lower bound of the change's confidence sequence at this look; else null.</summary>
    public double? Lower { get; init; }

    /// <summary>For a sequential threshold, the upper bound of the change's confidence sequence at this look; else null.</summary>
    public double? Upper { get; init; }

    /// <summary>Formats a figure for a reason line: invariant culture, at most four decimals; from 10^15 on in scientific form (1.2346E+20).</summary>
    public static string Format(double value) =>
        // Past 10^15 the fixed form spells out hundreds of digits nobody reads (1e308 is 309 of them).
        value.ToString(Math.Abs(value) >= 1e15 ? "0.####E+0" : "0.####", CultureInfo.InvariantCulture);
}
