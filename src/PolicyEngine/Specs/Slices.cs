namespace PolicyEngine.Specs;

/// <summary>Slice names with a meaning of their own.</summary>
public static class Slices
{
    /// <summary>The whole of a role's traffic, every slice together.</summary>
    public const string All = "all";

    /// <summary>Every candidate slice, each judged on its own (custom guardrails).</summary>
    public const string Each = "*";
}
