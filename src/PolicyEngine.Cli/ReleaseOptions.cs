using System.CommandLine;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate;
using PolicyEngine.Gate.Inputs;

namespace PolicyEngine.Cli;

/// <summary>What <c>gate</c> and <c>watch</c> judge: the pack, the release and its input files, and where records go.</summary>
public sealed class ReleaseOptions
{
    /// <summary>Creates the options.</summary>
    public ReleaseOptions() => Lever.AcceptOnlyFromAmong([.. Names.Levers.Keys]);

    /// <summary>--policy / --sample.</summary>
    public PackOptions Pack { get; } = new();

    /// <summary>The input files.</summary>
    public InputOptions Inputs { get; } = new();

    /// <summary>--model.</summary>
    public Option<string?> Model { get; } = new("--model") { Description = "The candidate model's name." };

    /// <summary>--model-version.</summary>
    public Option<string?> Version { get; } = new("--model-version") { Description = "The candidate model's version." };

    /// <summary>--lever.</summary>
    public Option<string?> Lever { get; } = new("--lever") { Description = "The lever the release pulls: scale, architecture, data-curation or hybrid." };

    /// <summary>--as-of.</summary>
    public Option<DateTimeOffset?> AsOf { get; } = new("--as-of") { Description = "Judge as of this time (ISO 8601) instead of now, e.g. to replay a decision." };

    /// <summary>--record-dir.</summary>
    public Option<DirectoryInfo?> Records { get; } = new("--record-dir") { Description = "Where to store decision records (default: Gate:RecordDirectory, .policyengine/decisions)." };

    /// <summary>All of them, to add to a command.</summary>
    public IEnumerable<Option> All => Pack.All.Concat(Inputs.All).Concat([Model, Version, Lever, AsOf, Records]);

    /// <summary>The request for <paramref name="pack"/>: the given files, else with <c>--sample</c> the sample's.</summary>
    public GateRequest Request(ParseResult parse, PolicyPack pack, string? stage)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var sample = Pack.IsSample(parse);
        return new GateRequest
        {
            Pack = pack,
            RolloutPath = File(parse, Inputs.Rollout, sample ? SampleFiles.Rollout : null),
            TelemetryPath = File(parse, Inputs.Telemetry, sample ? SampleFiles.Telemetry : null),
            EvaluationReportPath = File(parse, Inputs.EvaluationReport, sample ? SampleFiles.EvaluationReport : null),
            EvidencePath = File(parse, Inputs.Evidence, sample ? SampleFiles.Evidence : null),
            TrustPath = File(parse, Inputs.Trust, sample ? SampleFiles.Trust : null),
            Rollout = new RolloutDocument
            {
                Model = parse.GetValue(Model),
                Version = parse.GetValue(Version),
                Lever = parse.GetValue(Lever),
                Stage = stage,
                AsOf = parse.GetValue(AsOf),
            },
        };
    }

    /// <summary>Where records go: <c>--record-dir</c>, else the setting.</summary>
    public string RecordDirectory(ParseResult parse, GateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(settings);
        return parse.GetValue(Records)?.FullName ?? settings.RecordDirectory;
    }

    private static string? File(ParseResult parse, Option<FileInfo?> option, string? sample) => parse.GetValue(option)?.ToString() ?? sample;
}
