namespace PolicyEngine;

/// <summary>Whose fact: the model being rolled out, or the one it replaces.</summary>
public enum Role
{
    /// <summary>The model being rolled out.</summary>
    Candidate = 0,

    /// <summary>The model it replaces.</summary>
    Baseline = 1,
}
