namespace PolicyEngine.Testing;

/// <summary>A guardrail did not find what the test expected. Any test framework reports it as a failure.</summary>
public sealed class GuardrailAssertionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public GuardrailAssertionException(string message) : base(message) { }
}
