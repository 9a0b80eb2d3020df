using System.CommandLine;
using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Inputs.EvaluationReports;
using PolicyEngine.Gate.Inputs.EvidenceFiles;
using PolicyEngine.Gate.Inputs.ProbeResults;
using PolicyEngine.Gate.Inputs.Rollouts;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Gate.Inputs.Waivers;
using PolicyEngine.Specs;
using Spectre.Console;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine validate</c>: check input files against their schemas and contracts, decide nothing.</summary>
public sealed class ValidateCommand
{
    private static readonly double[] StandardPercentiles = [50, 90, 95, 99];
    private readonly InputOptions _inputs = new();
    private readonly Option<FileInfo?> _probe = new("--probe") { Description = "A probe result written by 'policyengine probe'." };
    private readonly Option<FileInfo?> _waivers = new("--waivers") { Description = "A waiver file (JSON); with --trust, each waiver's signature is checked too." };
    private readonly IAnsiConsole _console;
    private readonly ErrorWriter _error;
    private readonly TimeProvider _clock;

    /// <summary>Creates the command.</summary>
    public ValidateCommand(IAnsiConsole console, ErrorWriter error, TimeProvider clock)
    {
        _console = console;
        _error = error;
        _clock = clock;
        Command = new Command("validate", "Check input files against their JSON Schemas (docs/schemas) and the rules schemas cannot express; decide nothing. Exit 0 when all are valid, 4 when any is not.");
        foreach (var option in _inputs.All.Append(_probe).Append(_waivers))
        {
            Command.Options.Add(option);
        }

        _inputs.Validate(Command);
        Command.SetAction(Run);
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private int Run(ParseResult parse)
    {
        var checks = new List<(string Kind, FileInfo? File, Func<string, string> Check)>
        {
            ("rollout", parse.GetValue(_inputs.Rollout), path => Json(path, "rollout", () => Describe(RolloutLoader.Resolve(path, new RolloutDocument(), _clock.GetUtcNow()).Context))),
            ("telemetry", parse.GetValue(_inputs.Telemetry), _ => Describe(TelemetryLoader.Load(_inputs.TelemetryPath(parse)!, StandardPercentiles))),
            ("evaluation-report", parse.GetValue(_inputs.EvaluationReport), path => Json(path, "evaluation-report", () => $"{EvaluationReportLoader.Load(path, null, null).Metrics.Count} results")),
            ("trust", parse.GetValue(_inputs.Trust), path => Json(path, "trust", () => $"{TrustFile.Load(path).Keys.Count} trusted keys")),
            ("evidence", parse.GetValue(_inputs.Evidence), path => Json(path, "evidence", () => Describe(EvidenceLoader.Load(path, Trusted(parse)).Evidence))),
            ("probe", parse.GetValue(_probe), path => Json(path, "probe-result", () => Describe(ProbeResultLoader.Load(path).Measurements))),
            ("waivers", parse.GetValue(_waivers), path => Json(path, "waivers", () => Describe(WaiverFile.Load(path, Trusted(parse)).Waivers))),
        };
        var given = checks.Where(c => c.File is not null).ToList();
        if (given.Count == 0)
        {
            _error.Writer.WriteLine("policyengine validate: give at least one file: --rollout, --telemetry, --eval-report, --evidence, --trust, --probe or --waivers");
            return ExitCodes.Usage;
        }

        var invalid = 0;
        foreach (var (kind, file, check) in given)
        {
            var path = file!.ToString();
            try
            {
                var summary = check(path);
                _console.MarkupLine($"[green]valid[/]   {kind,-17} {TextReport.Show(path)}: {TextReport.Show(summary)}");
            }
            catch (InputException e)
            {
                invalid++;
                _console.MarkupLine($"[red]invalid[/] {kind,-17} {TextReport.Show(e.Message)}");
            }
        }

        return invalid == 0 ? ExitCodes.Ok : ExitCodes.Error;
    }

    /// <summary>Schema first (every violation at once), then the loader's own rules.</summary>
    private static string Json(string path, string schema, Func<string> load)
    {
        var problems = SchemaCheck.Check(path, schema);
        if (problems.Count > 0)
        {
            throw new InputException(path, "", $"does not match docs/schemas/{schema}.schema.json:\n  " + string.Join("\n  ", problems));
        }

        return load();
    }

    private IReadOnlyDictionary<string, TrustedKey> Trusted(ParseResult parse) =>
        parse.GetValue(_inputs.Trust) is { } trust ? TrustFile.Load(trust.ToString()).Keys : new Dictionary<string, TrustedKey>();

    private static string Describe(RolloutContext c) => $"{c.Model} {c.Version}, {c.Lever}, stage {c.Stage}";

    private static string Describe(TelemetryFacts t)
    {
        var roles = t.Metrics.Select(m => m.Role.ToString().ToLowerInvariant()).Distinct();
        var slices = t.Metrics.Select(m => m.Slice).Where(s => s != Slices.All).Distinct().Order(StringComparer.Ordinal).ToList();
        return $"{t.File.Rows} rows; roles {string.Join(", ", roles)}; slices {(slices.Count == 0 ? "(none)" : string.Join(", ", slices))}";
    }

    private static string Describe(IReadOnlyList<ProbeMeasurement> measurements) =>
        $"{measurements.Count} batch sizes ({string.Join(", ", measurements.Select(m => m.BatchSize))}) on {measurements.FirstOrDefault()?.Provider.ToString() ?? "no provider"}"
        + (measurements.All(m => m.Complete) ? "" : "; incomplete");

    private static string Describe(IReadOnlyList<Waiver> waivers) =>
        $"{waivers.Count} waivers; " + string.Join(", ", waivers.GroupBy(w => w.Signature).Select(g => $"{g.Count()} {g.Key switch
        {
            SignatureStatus.Valid => "signed by a key trusted for its approver",
            SignatureStatus.Invalid => "with a signature that does not verify",
            SignatureStatus.UntrustedKey => "signed by a key not trusted for its approver (give --trust)",
            _ => "unsigned",
        }}"));

    private static string Describe(IReadOnlyList<Evidence> evidence) =>
        $"{evidence.Count} items; " + string.Join(", ", evidence.GroupBy(e => e.Signature).Select(g => $"{g.Count()} {g.Key switch
        {
            SignatureStatus.Valid => "signed by a trusted key",
            SignatureStatus.Invalid => "with a signature that does not verify",
            SignatureStatus.UntrustedKey => "signed by an untrusted key (give --trust)",
            _ => "unsigned",
        }}"));
}
