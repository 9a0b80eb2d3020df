namespace PolicyEngine.Cli.Tests;

/// <summary>
/// Guardrails that hang or crash the process, but only on slices named for it, so that every other test of
/// this assembly's pack sees them pass: the gate must still end in error, and leave a record saying so.
/// </summary>
[GuardrailPolicy("hazards", Owner = "tests@contoso.example")]
public static partial class HazardousGuardrails
{
    /// <summary>Takes half a minute on slice 'stuck', as a guardrail waiting on a lock would.</summary>
    [Guardrail]
    public static bool StuckOnStuckSlice(SliceMetrics candidate)
    {
        if (candidate.Slice == "stuck")
        {
            Thread.Sleep(TimeSpan.FromSeconds(30));
        }

        return true;
    }

    /// <summary>Recurses without end on slice 'overflow': a stack overflow, which no handler can catch.</summary>
    [Guardrail]
    public static bool OverflowsOnOverflowSlice(SliceMetrics candidate) => candidate.Slice != "overflow" || Deeper(1) > 0;

    private static int Deeper(int depth) => Deeper(depth + 1) + depth;
}
