using System.CommandLine;

namespace PolicyEngine.Cli;

/// <summary>The input-file options gate and validate share.</summary>
public sealed class InputOptions
{
    /// <summary>--rollout.</summary>
    public Option<FileInfo?> Rollout { get; } = new("--rollout") { Description = "Rollout file (JSON): model, version, lever, stage, optional asOf. Options below override its fields." };

    /// <summary>--telemetry.</summary>
    public Option<FileInfo?> Telemetry { get; } = new("--telemetry") { Description = "Request telemetry, one row per request: .parquet, .csv or .jsonl." };

    /// <summary>--eval-report.</summary>
    public Option<FileInfo?> EvaluationReport { get; } = new("--eval-report") { Description = "Offline evaluation report (JSON): metric values per benchmark layer, slice and role." };

    /// <summary>--evidence.</summary>
    public Option<FileInfo?> Evidence { get; } = new("--evidence") { Description = "Governance evidence (JSON), optionally signed with ECDSA P-256." };

    /// <summary>--trust.</summary>
    public Option<FileInfo?> Trust { get; } = new("--trust") { Description = "Trust file (JSON): the public keys whose evidence signatures are trusted." };

    /// <summary>All of them, to add to a command.</summary>
    public IEnumerable<Option> All => [Rollout, Telemetry, EvaluationReport, Evidence, Trust];
}
