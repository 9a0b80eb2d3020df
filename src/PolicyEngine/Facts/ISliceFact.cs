namespace PolicyEngine;

/// <summary>A fact about one role's traffic or evaluation on one slice; custom guardrails join these on the slice.</summary>
public interface ISliceFact : IFact
{
    /// <summary>Whose fact it is: the candidate's or the baseline's.</summary>
    Role Role { get; }

    /// <summary>The slice, <c>all</c> for the whole.</summary>
    string Slice { get; }
}
