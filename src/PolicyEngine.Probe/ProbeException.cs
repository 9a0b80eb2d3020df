namespace PolicyEngine.Probe;

/// <summary>The probe cannot measure: a model that does not load, an input that does not fit, a provider that is not there. The message says which and why.</summary>
public sealed class ProbeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProbeException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
