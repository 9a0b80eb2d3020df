namespace PolicyEngine.Cli;

/// <summary>Exit codes beyond the verdicts' (0 pass or warn, 1 block, 2 rollback, 3 hold, 4 error).</summary>
public static class ExitCodes
{
    /// <summary>Everything checked out (validate, docs).</summary>
    public const int Ok = 0;

    /// <summary>The run could not judge or an input is invalid.</summary>
    public const int Error = 4;

    /// <summary>A warning under <c>--fail-on-warn</c>: non-zero, as Conftest makes warnings fail, and apart from every other verdict's code.</summary>
    public const int FailedOnWarn = 5;

    /// <summary>The command line itself is wrong (EX_USAGE).</summary>
    public const int Usage = 64;
}
