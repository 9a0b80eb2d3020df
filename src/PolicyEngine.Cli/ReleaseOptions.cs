using System.CommandLine;
using System.Globalization;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate;
using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Inputs.Prometheus;
using PolicyEngine.Gate.Inputs.Rollouts;
using PolicyEngine.Gate.Inputs.Telemetry;

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
    public Option<DateTimeOffset?> AsOf { get; } = Time("--as-of", "Judge as of this time (ISO 8601) instead of now, e.g. to replay a decision.");

    /// <summary>An option whose value is a time in ISO 8601, refused with its name when it is not one.</summary>
    public static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            r.AddError($"{name}: '{text}' is not a time; expected ISO 8601, e.g. 2026-11-02T09:00:00Z");
            return null;
        },
    };

    /// <summary>--prometheus.</summary>
    public Option<string?> Prometheus { get; } = new("--prometheus") { Description = "Query canary telemetry from this Prometheus-compatible API (Prometheus, Thanos, Mimir) instead of --telemetry." };

    /// <summary>--prometheus-config.</summary>
    public Option<FileInfo?> PrometheusConfig { get; } = new("--prometheus-config") { Description = "The PromQL templates (JSON, docs/schemas/prometheus.schema.json); default: the Prometheus section of appsettings.json or policyengine.json." };

    /// <summary>--waivers.</summary>
    public Option<FileInfo?> Waivers { get; } = new("--waivers") { Description = "Signed waivers of failing guardrails (JSON, docs/schemas/waivers.schema.json); approvers' keys come from --trust." };

    /// <summary>--record-dir and --record-store.</summary>
    public RecordStoreOptions Records { get; } = new();

    /// <summary>All of them, to add to a command.</summary>
    public IEnumerable<Option> All => Pack.All.Concat(Inputs.All).Concat([Model, Version, Lever, AsOf, Waivers, Prometheus, PrometheusConfig]).Concat(Records.All);

    /// <summary>Checks the options that exclude each other.</summary>
    /// <param name="command">The command.</param>
    /// <param name="standardInput">Whether <c>--telemetry -</c> (standard input) can be read: not when telemetry is read again each round.</param>
    public void Validate(Command command, bool standardInput = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        Inputs.Validate(command, standardInput);
        Records.Validate(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(Inputs.Telemetry) is not null && (r.GetValue(Prometheus) is not null || r.GetValue(PrometheusConfig) is not null))
            {
                r.AddError("--telemetry and --prometheus exclude each other: read a file, or query the API");
            }
        });
    }

    /// <summary>The request for <paramref name="pack"/>: the given files, else with <c>--sample</c> the sample's.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="pack">The pack.</param>
    /// <param name="stage">The stage, or null to take the rollout file's.</param>
    /// <param name="prometheus">The Prometheus settings from configuration, used when <c>--prometheus</c> is given without a config file.</param>
    public GateRequest Request(ParseResult parse, PolicyPack pack, string? stage, PrometheusSettings prometheus)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var sample = Pack.IsSample(parse);
        var url = parse.GetValue(Prometheus);
        var config = parse.GetValue(PrometheusConfig)?.ToString();
        var queried = url is not null || config is not null;
        var piped = parse.GetValue(Inputs.Telemetry)?.ToString() == StandardInput.Name;
        return new GateRequest
        {
            Pack = pack,
            RolloutPath = File(parse, Inputs.Rollout, sample ? SampleFiles.Rollout : null),
            TelemetryPath = queried || piped ? null : File(parse, Inputs.Telemetry, sample ? SampleFiles.Telemetry : null),
            // Piped telemetry is read inside the run, so a failed read ends in an error record like any bad input.
            TelemetrySource = queried ? PrometheusSource(config, url, prometheus)
                : piped ? (needs, model, _, _, _) => TelemetryLoader.Load(StandardInput.ToFile(parse.GetValue(Inputs.TelemetryFormat)!), needs.LatencyPercentiles, model, needs.SampledMetrics, needs.CalibrationBins)
                : null,
            EvaluationReportPath = File(parse, Inputs.EvaluationReport, sample ? SampleFiles.EvaluationReport : null),
            EvidencePath = File(parse, Inputs.Evidence, sample ? SampleFiles.Evidence : null),
            TrustPath = File(parse, Inputs.Trust, sample ? SampleFiles.Trust : null),
            WaiversPath = parse.GetValue(Waivers)?.ToString(),
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

    /// <summary>
    /// Telemetry queried from Prometheus: the settings from <paramref name="config"/> (or configuration), the URL
    /// overridden by <paramref name="url"/>; read inside each run, so a bad setting ends that run in error.
    /// </summary>
    internal static Func<PolicyPack, string, DateTimeOffset, TimeSpan?, CancellationToken, TelemetryFacts> PrometheusSource(string? config, string? url, PrometheusSettings configured) =>
        (needs, model, at, watched, cancel) =>
        {
            var settings = Settings(config, url, configured);
            if (watched is not null && CanaryWindow.FixedWindow(settings, needs) is var (figure, range))
            {
                throw new InputException(config ?? "configuration section Prometheus", $"queries.{figure}",
                    $"reads a fixed window {range}; a sequential threshold judged from the canary's start needs counts over that whole span: write [{{window}}], the time since the start (docs/canary.md)");
            }

            return PrometheusTelemetry.Load(settings, needs.LatencyPercentiles, model, at, PrometheusHttp.Client(settings), needs.SampledMetrics, cancel, watched);
        };

    /// <summary>The settings from the file (or configuration), the URL overridden; refused with the field named when unusable.</summary>
    private static PrometheusSettings Settings(string? path, string? url, PrometheusSettings configured)
    {
        var settings = path is null ? configured : JsonInput.Read(path, new FluentValidation.InlineValidator<PrometheusSettings>()).Document;
        var merged = new PrometheusSettings
        {
            Url = url ?? settings.Url, Selector = settings.Selector, Slices = settings.Slices, Queries = settings.Queries,
            Samples = settings.Samples, RangeSeconds = settings.RangeSeconds, StepSeconds = settings.StepSeconds,
            BearerTokenFile = settings.BearerTokenFile, BasicAuth = settings.BasicAuth, Headers = settings.Headers, CaFile = settings.CaFile,
            Retries = settings.Retries, TimeoutSeconds = settings.TimeoutSeconds, DeadlineSeconds = settings.DeadlineSeconds, Parallelism = settings.Parallelism,
        };
        var result = new PrometheusSettingsValidator().Validate(merged);
        return result.IsValid ? merged : throw new InputException(path ?? "configuration section Prometheus", result.Errors[0].PropertyName, result.Errors[0].ErrorMessage);
    }

    private static string? File(ParseResult parse, Option<FileInfo?> option, string? sample) => parse.GetValue(option)?.ToString() ?? sample;
}
