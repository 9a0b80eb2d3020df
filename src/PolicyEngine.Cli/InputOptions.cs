using System.CommandLine;

namespace PolicyEngine.Cli;

/// <summary>The input-file options gate and validate share.</summary>
public sealed class InputOptions
{
    /// <summary>--rollout.</summary>
    public Option<FileInfo?> Rollout { get; } = new("--rollout") { Description = "Rollout file (JSON): model, version, lever, stage, optional asOf. Options below override its fields." };

    /// <summary>--telemetry.</summary>
    public Option<FileInfo?> Telemetry { get; } = new("--telemetry") { Description = "Request telemetry, one row per request: .parquet, .csv or .jsonl; - reads standard input (with --telemetry-format)." };

    /// <summary>--telemetry-format.</summary>
    public Option<string?> TelemetryFormat { get; } = CreateTelemetryFormat();

    /// <summary>--eval-report.</summary>
    public Option<FileInfo?> EvaluationReport { get; } = new("--eval-report") { Description = "Offline evaluation report (JSON): metric values per benchmark layer, slice and role." };

    /// <summary>--evidence.</summary>
    public Option<FileInfo?> Evidence { get; } = new("--evidence") { Description = "Governance evidence (JSON), optionally signed with ECDSA P-256." };

    /// <summary>--trust.</summary>
    public Option<FileInfo?> Trust { get; } = new("--trust") { Description = "Trust file (JSON): the public keys whose evidence signatures are trusted." };

    /// <summary>All of them, to add to a command.</summary>
    public IEnumerable<Option> All => [Rollout, Telemetry, TelemetryFormat, EvaluationReport, Evidence, Trust];

    /// <summary>Refuses standard input without its format, and a format for a file (whose extension says it).</summary>
    /// <param name="command">The command.</param>
    /// <param name="standardInput">Whether the command can read telemetry from standard input at all (watch reads it again and again).</param>
    public void Validate(Command command, bool standardInput = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Validators.Add(r =>
        {
            var fromStandardInput = r.GetValue(Telemetry)?.ToString() == StandardInput.Name;
            if (fromStandardInput && !standardInput)
            {
                r.AddError($"{command.Name} reads the telemetry again each round, and standard input can be read once: give --telemetry a file");
            }
            else if (fromStandardInput && r.GetValue(TelemetryFormat) is null)
            {
                r.AddError("--telemetry -: standard input has no file name to tell its format; say it with --telemetry-format csv, jsonl or parquet");
            }
            else if (!fromStandardInput && r.GetValue(TelemetryFormat) is not null)
            {
                r.AddError("--telemetry-format is for --telemetry - (standard input); a file's extension says its format");
            }
        });
    }

    /// <summary>The telemetry to read: the file given, or standard input copied once to a file of the given format.</summary>
    public string? TelemetryPath(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var given = parse.GetValue(Telemetry)?.ToString();
        return given == StandardInput.Name ? StandardInput.ToFile(parse.GetValue(TelemetryFormat)!) : given;
    }

    private static Option<string?> CreateTelemetryFormat()
    {
        var option = new Option<string?>("--telemetry-format") { Description = "The format of --telemetry - (standard input): csv, jsonl or parquet." };
        option.AcceptOnlyFromAmong("csv", "jsonl", "parquet");
        return option;
    }
}
