using System.Globalization;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Testing;

/// <summary>
/// Asserts what one guardrail finds on given facts, in a real NRules session of its pack — so a guardrail
/// change comes with its test in the same review:
/// <code>
/// GuardrailAssert.Fails(GuardrailPack.Instance, "support-assistant/interactive-p95", facts, observed: 620);
/// </code>
/// </summary>
public static class GuardrailAssert
{
    /// <summary>Asserts the guardrail passes; returns its finding.</summary>
    public static Finding Passes(PolicyPack pack, string guardrailId, IEnumerable<object> facts, double? observed = null, string? slice = null) =>
        Expect(pack, guardrailId, facts, Outcome.Pass, observed, slice);

    /// <summary>Asserts the guardrail fails; returns its finding.</summary>
    public static Finding Fails(PolicyPack pack, string guardrailId, IEnumerable<object> facts, double? observed = null, string? slice = null) =>
        Expect(pack, guardrailId, facts, Outcome.Fail, observed, slice);

    /// <summary>Asserts the guardrail is inconclusive; returns its finding.</summary>
    public static Finding IsInconclusive(PolicyPack pack, string guardrailId, IEnumerable<object> facts, string? slice = null) =>
        Expect(pack, guardrailId, facts, Outcome.Inconclusive, null, slice);

    /// <summary>Asserts evaluating the guardrail errors; returns its finding.</summary>
    public static Finding Errors(PolicyPack pack, string guardrailId, IEnumerable<object> facts, string? slice = null) =>
        Expect(pack, guardrailId, facts, Outcome.Error, null, slice);

    /// <summary>
    /// Evaluates the facts and asserts that the guardrail yields exactly one finding (on <paramref name="slice"/>
    /// when given) with the outcome, and the observed value within 1e-9 relative when given.
    /// </summary>
    public static Finding Expect(PolicyPack pack, string guardrailId, IEnumerable<object> facts, Outcome outcome, double? observed = null, string? slice = null)
    {
        if (pack.Find(guardrailId) is null)
        {
            throw new GuardrailAssertionException(
                $"pack {pack.Name} has no guardrail '{guardrailId}'; it has {string.Join(", ", pack.Guardrails.Select(g => g.Id))}");
        }

        var findings = CompiledPack.For(pack).Evaluate(facts)
            .Where(f => f.GuardrailId == guardrailId && (slice is null || f.Slice == slice))
            .ToList();
        if (findings.Count != 1)
        {
            throw new GuardrailAssertionException(
                $"expected one finding of '{guardrailId}'{(slice is null ? "" : $" on slice '{slice}'")}, got {findings.Count}" +
                (findings.Count == 0 ? " (is the stage one it applies to, and are its facts there?)" : ": " + string.Join("; ", findings.Select(f => f.Reason))));
        }

        var finding = findings[0];
        if (finding.Outcome != outcome)
        {
            throw new GuardrailAssertionException($"expected '{guardrailId}' to be {outcome}, it was {finding.Outcome}: {finding.Reason}");
        }

        if (observed is { } expected && !Close(finding.Observed, expected))
        {
            var actual = finding.Observed?.ToString("R", CultureInfo.InvariantCulture) ?? "nothing";
            throw new GuardrailAssertionException($"expected '{guardrailId}' to observe {expected.ToString("R", CultureInfo.InvariantCulture)}, it observed {actual}: {finding.Reason}");
        }

        return finding;
    }

    private static bool Close(double? actual, double expected) =>
        actual is { } value && Math.Abs(value - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected));
}
