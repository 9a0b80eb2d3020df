namespace PolicyEngine.Generators.Model
{
    /// <summary>
    /// Implementations for partial guardrail properties the generator could not compile: each throws, so that a
    /// PE error is the only error the author sees (no CS9248 "must have an implementation part" beside it).
    /// </summary>
    /// <param name="HintName">A file name unique to the member or class.</param>
    /// <param name="Namespace">The namespace, empty for the global one.</param>
    /// <param name="Containers">The declarations that enclose the properties, outermost first, e.g. <c>static partial class Policy</c>.</param>
    /// <param name="Properties">The property implementations, one line each.</param>
    internal sealed record StubModel(string HintName, string Namespace, EquatableArray<string> Containers, EquatableArray<string> Properties);
}
