namespace PolicyEngine.Evaluation;

/// <summary>Runs a guardrail's check so that nothing it throws escapes as anything but an error finding.</summary>
public static class GuardrailRun
{
    /// <summary>Runs <paramref name="check"/>; an exception becomes an <see cref="Outcome.Error"/> finding.</summary>
    public static Finding Safely(Guardrail guardrail, string slice, Func<Finding> check)
    {
        try
        {
            return check();
        }
        catch (Exception exception)
        {
            return Finding.Errored(guardrail, slice, exception);
        }
    }

    /// <summary>
    /// The one fact a guardrail needs from <paramref name="matches"/>, or the finding that says why there is
    /// none (missing) or too many (an error: two facts for one subject are a loader fault, never a choice).
    /// </summary>
    public static bool TryTakeOne<T>(Guardrail guardrail, string slice, IEnumerable<T> matches, string what, out T fact, out Finding? finding)
        where T : class
    {
        var list = matches as IReadOnlyCollection<T> ?? matches.ToList();
        fact = null!;
        finding = null;
        switch (list.Count)
        {
            case 0:
                finding = Finding.Missing(guardrail, slice, $"no {what} for slice '{slice}'");
                return false;
            case 1:
                fact = list.First();
                return true;
            default:
                finding = Finding.Of(guardrail, Outcome.Error, slice, null, null, null, $"{list.Count} {what} facts for slice '{slice}', expected one");
                return false;
        }
    }
}
