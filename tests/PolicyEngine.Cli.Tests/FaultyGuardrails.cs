namespace PolicyEngine.Cli.Tests;

/// <summary>A guardrail pack whose custom guardrail throws: the gate must answer error, never crash, never pass.</summary>
[GuardrailPolicy("faulty", Owner = "tests@contoso.example")]
public static partial class FaultyGuardrails
{
    /// <summary>Divides by the number of requests, and there are none.</summary>
    [Guardrail]
    public static bool ThrowsOnEverySlice(SliceMetrics candidate) =>
        throw new InvalidOperationException($"the guardrail's author forgot slice '{candidate.Slice}'");
}
