namespace PolicyEngine.Cli;

/// <summary>Settings from appsettings.json or POLICYENGINE_ environment variables (e.g. POLICYENGINE_Gate__RecordDirectory).</summary>
public sealed class GateSettings
{
    /// <summary>Where every gate run's decision record is stored; relative paths are from the working directory.</summary>
    public string RecordDirectory { get; set; } = ".policyengine/decisions";

    /// <summary>
    /// Where decision records and their log are kept instead of <see cref="RecordDirectory"/>: a directory, or a
    /// PostgreSQL database every runner shares (<c>postgresql://host/database</c>; docs/audit.md). Unset: the directory.
    /// </summary>
    public string? RecordStore { get; set; }

    /// <summary>How long a gate may load and judge when <c>--deadline</c> is not given (hh:mm:ss); unset: 10 minutes.</summary>
    public TimeSpan? Deadline { get; set; }

    /// <summary>Refuse a waiver approved by the release's own author (the run's actor): Gate:RefuseSelfApprovedWaivers.</summary>
    public bool RefuseSelfApprovedWaivers { get; set; }
}
