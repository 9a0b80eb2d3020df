namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="GuardrailAttribute">custom guardrail</see>.</summary>
public static class CustomCheck
{
    /// <summary>
    /// Runs the predicate on the subject's slice once every joined parameter matched exactly one fact.
    /// A predicate that throws, or returns no result, is an error finding; one that cannot tell (null) is
    /// missing data, judged by the guardrail's <see cref="MissingData"/>.
    /// </summary>
    public static Finding Evaluate(Guardrail guardrail, string slice, Join[] joins, Func<GuardrailResult?> predicate) =>
        GuardrailRun.Safely(guardrail, slice, () =>
        {
            foreach (var join in joins)
            {
                if (join.Count == 0)
                {
                    return Finding.Missing(guardrail, slice, $"no {join.Label} for slice '{slice}'");
                }

                if (join.Count > 1)
                {
                    return Finding.Of(guardrail, Outcome.Error, slice, null, null, null, $"{join.Count} {join.Label} facts for slice '{slice}', expected one");
                }
            }

            if (predicate() is not { } result)
            {
                return Finding.Of(guardrail, Outcome.Error, slice, null, null, null, $"{guardrail.Member} returned no result (null) on slice '{slice}'");
            }

            if (result.Holds is not { } holds)
            {
                var missing = Finding.Missing(guardrail, slice, result.Reason ?? $"{guardrail.Member} cannot tell on slice '{slice}': a value it needs is missing");
                return missing with { Observed = result.Observed, Threshold = result.Threshold };
            }

            return Finding.Judge(guardrail, holds, slice, result.Observed, result.Threshold, null,
                result.Reason ?? (holds ? $"{guardrail.Member} holds on slice '{slice}'" : $"{guardrail.Member} does not hold on slice '{slice}'"));
        });

    /// <summary>The finding when there is no candidate fact at all to judge.</summary>
    public static Finding NoSubject(Guardrail guardrail, string what) =>
        Finding.Missing(guardrail, "*", $"no candidate {what} to judge");
}
