namespace PolicyEngine.Evaluation;

/// <summary>How many facts a custom guardrail's joined parameter matched on the subject's slice.</summary>
/// <param name="Label">The parameter, as a person reads it (e.g. <c>baseline SliceMetrics</c>).</param>
/// <param name="Count">How many facts matched.</param>
public readonly record struct Join(string Label, int Count)
{
    /// <summary>Counts the matches of a joined parameter.</summary>
    public static Join Of<T>(string label, IEnumerable<T> matches) => new(label, matches.Count());
}
