using System.CommandLine;
using Microsoft.Extensions.Options;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate;
using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Inputs.Prometheus;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;
using PolicyEngine.Probe;
using Spectre.Console;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine gate</c>: judge a release and exit with its verdict.</summary>
public sealed class GateCommand
{
    private readonly ReleaseOptions _release = new();
    private readonly Option<string?> _stage = new("--stage") { Description = "The rollout stage: offline, canary or full." };
    private readonly Option<string> _format = new("--format") { Description = "Output format.", DefaultValueFactory = _ => "text" };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write the output to this file (the console then shows the text summary); - for standard output." };
    private readonly Option<FileInfo?> _probeResult = new("--probe") { Description = "A probe result written by 'policyengine probe': its measurements judge the probe budgets." };
    private readonly Option<FileInfo?> _probeModel = new("--probe-model") { Description = "Probe this model (.onnx) in place, before judging; the --probe-* options say how." };
    private readonly ProbeOptions _probe = new("--probe-");
    private readonly Option<DateTimeOffset?> _canaryStart = ReleaseOptions.Time("--canary-start",
        "When the canary began taking traffic (ISO 8601): {window} in Prometheus queries then spans from it to the decision time, so a pipeline that runs gate again and again judges a sequential threshold on counts since the canary began.");
    private readonly Option<bool> _failOnWarn = new("--fail-on-warn") { Description = "Exit 5 on a warn verdict instead of 0, as Conftest's --fail-on-warn makes warnings fail; other verdicts keep their codes." };
    private readonly Option<TimeSpan?> _deadline = new("--deadline")
    {
        Description = "How long loading and judging may take before the verdict is error: 30s, 5m, 1h (default 10m).",
        CustomParser = r => Durations.Parser("--deadline", positive: true)(r),
    };

    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly TimeProvider _clock;
    private readonly GateSettings _settings;
    private readonly PrometheusSettings _prometheus;

    /// <summary>Creates the command.</summary>
    public GateCommand(IAnsiConsole console, ErrorWriter error, TimeProvider clock, IOptions<GateSettings> settings, IOptions<PrometheusSettings> prometheus)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(settings);
        _console = console;
        _error = error.Writer;
        _clock = clock;
        _settings = settings.Value;
        ArgumentNullException.ThrowIfNull(prometheus);
        _prometheus = prometheus.Value;
        _format.AcceptOnlyFromAmong("text", "json", "markdown", "junit", "sarif", "github", "html");
        _stage.AcceptOnlyFromAmong([.. Names.Stages.Keys]);
        Command = new Command("gate", "Judge a release against a policy pack; the exit code is the verdict: 0 pass or warn, 1 block, 2 rollback, 3 hold, 4 error, 64 usage.");
        foreach (var option in _release.All.Concat([_stage, _format, _output, _probeResult, _probeModel, _deadline, _failOnWarn, _canaryStart]).Concat(_probe.All))
        {
            Command.Options.Add(option);
        }

        Command.Validators.Add(r =>
        {
            if (r.GetValue(_probeResult) is not null && r.GetValue(_probeModel) is not null)
            {
                r.AddError("--probe and --probe-model exclude each other: judge a stored probe result, or probe now");
            }
        });
        _release.Validate(Command);
        Command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private int Run(ParseResult parse, CancellationToken cancel)
    {
        if (_release.Pack.Problem(parse) is { } usage)
        {
            _error.WriteLine($"policyengine gate: {usage}");
            return ExitCodes.Usage;
        }

        DecisionStore store;
        try
        {
            store = _release.Records.Open(parse, _settings);
        }
        catch (ArgumentException e)
        {
            // Nowhere to record the decision: no decision.
            _error.WriteLine($"policyengine gate: error: the record store: {e.Message}");
            return ExitCodes.Error;
        }

        using (store)
        {
            return Run(parse, store, cancel);
        }
    }

    private int Run(ParseResult parse, DecisionStore store, CancellationToken cancel)
    {
        PolicyPack pack;
        try
        {
            pack = _release.Pack.Load(parse);
        }
        catch (InputException e)
        {
            _error.WriteLine($"policyengine gate: error: {e.Message}");
            return PolicyNotLoaded.Record(_console, _error, "gate", parse.GetValue(_release.Pack.Policy)!.ToString(), e.Message, store, _clock);
        }

        var request = _release.Request(parse, pack, parse.GetValue(_stage), _prometheus) with
        {
            ProbePath = parse.GetValue(_probeResult)?.ToString(),
            History = store,
            RefuseSelfApprovedWaivers = _settings.RefuseSelfApprovedWaivers,
            Deadline = parse.GetValue(_deadline) ?? _settings.Deadline,
            CanaryStart = parse.GetValue(_canaryStart),
            RunProbe = parse.GetValue(_probeModel) is { } model ? () => ProbeInPlace(parse, model.ToString(), cancel) : null,
        };

        // Aggregating millions of rows takes seconds: show that something is happening, where someone watches.
        GateResult result;
        string recordPath;
        try
        {
            // The record says what the pipeline saw: with --fail-on-warn, a warn's exit code is 5.
            Func<DecisionRecord, DecisionRecord>? finalize = parse.GetValue(_failOnWarn)
                ? r => r.Verdict == Verdict.Warn ? r with { ExitCode = ExitCodes.FailedOnWarn } : r
                : null;
            (result, recordPath) = _console.Profile.Capabilities.Interactive
                ? _console.Status().Start($"Judging with {pack.Name}: loading inputs, aggregating telemetry, running {pack.Guardrails.Count} guardrails…", _ => GateRun.RunAndRecord(request, _clock, store, finalize))
                : GateRun.RunAndRecord(request, _clock, store, finalize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unrecorded decision cannot be audited; it does not count.
            _error.WriteLine($"policyengine gate: error: the decision record could not be stored: {e.Message}");
            return ExitCodes.Error;
        }

        var record = result.Record;
        foreach (var problem in record.Errors)
        {
            _error.WriteLine($"policyengine gate: error: {problem}");
        }

        var format = Enum.Parse<OutputFormat>(parse.GetValue(_format)!, ignoreCase: true);
        var output = parse.GetValue(_output);
        if (output?.ToString() == "-")
        {
            // --output - is standard output, as everywhere on the command line: no file named "-".
            output = null;
        }

        if (format == OutputFormat.Text || output is not null)
        {
            TextReport.Write(_console, record, recordPath);
        }

        if (format != OutputFormat.Text || output is not null)
        {
            var latency = format == OutputFormat.Html ? LatencyCurves(request.TelemetryPath, record) : null;
            var text = Output.Write(format, record, pack, () => TextReport.Plain(record, recordPath), Checkout.Root(Environment.CurrentDirectory), latency);
            if (output is null)
            {
                _console.Profile.Out.Writer.Write(text);
            }
            else
            {
                try
                {
                    File.WriteAllText(output.FullName, text);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _error.WriteLine($"policyengine gate: error: cannot write {output}: {e.Message}");
                    return ExitCodes.Error;
                }
            }
        }

        return record.ExitCode;
    }

    /// <summary>
    /// For the HTML report: every percentile from 1 to 99 of the telemetry file just judged, so the latency CDF is a
    /// curve rather than four points; null (the record's percentiles) when the telemetry came from elsewhere or can no
    /// longer be read.
    /// </summary>
    private static IReadOnlyList<SliceMetrics>? LatencyCurves(string? telemetryPath, DecisionRecord record)
    {
        if (telemetryPath is null || record.Release is not { } release)
        {
            return null;
        }

        try
        {
            return TelemetryLoader.Load(telemetryPath, [.. Enumerable.Range(1, 99).Select(p => (double)p)], release.Model).Metrics;
        }
        catch (InputException)
        {
            return null;
        }
    }

    /// <summary>Probes the model and stores the result beside the decision records, where the record's input list points.</summary>
    private string ProbeInPlace(ParseResult parse, string model, CancellationToken cancel)
    {
        ProbeResultDocument result;
        try
        {
            result = ProbeCommand.Measure(_console, _probe.Settings(parse, model), cancel);
        }
        catch (ProbeException e)
        {
            throw new InputException(model, "", $"the probe failed: {e.Message}", e);
        }

        var directory = Path.Combine(_release.Records.LocalDirectory(parse, _settings), "probes");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{_clock.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ProbeResultJson.Write(result));
        return path;
    }
}
