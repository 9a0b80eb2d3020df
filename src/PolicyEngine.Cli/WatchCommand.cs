using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Canary;
using PolicyEngine.Gate.Inputs.Prometheus;
using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;
using Spectre.Console;

namespace PolicyEngine.Cli;

/// <summary>
/// <c>policyengine watch</c>: judge a canary repeatedly while it takes traffic, as a hosted service, and exit
/// with the series' verdict: 0 pass, 2 rollback, 3 hold, 4 error.
/// </summary>
public sealed class WatchCommand
{
    private readonly ReleaseOptions _release = new();
    private readonly Option<int> _count = new("--count") { Description = "Measurements to take (each a whole gate run in the canary stage).", DefaultValueFactory = _ => 5 };
    private readonly Option<TimeSpan> _interval = new("--interval")
    {
        Description = "Time between measurements: 30s, 5m, 1h or hh:mm:ss.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        CustomParser = Durations.Parser("--interval"),
    };

    private readonly Option<int> _failureLimit = new("--failure-limit") { Description = "Failed measurements tolerated before rollback; -1 for no limit (then --consecutive-success-limit decides).", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _inconclusiveLimit = new("--inconclusive-limit") { Description = "Inconclusive measurements tolerated before hold; -1 for no limit.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _errorLimit = new("--consecutive-error-limit") { Description = "Errors in a row tolerated before error. Errors do not count toward --count.", DefaultValueFactory = _ => 4 };
    private readonly Option<int> _successLimit = new("--consecutive-success-limit") { Description = "Passes in a row that pass the watch at once; 0 (the default) for none.", DefaultValueFactory = _ => 0 };
    private readonly Option<TimeSpan?> _deadline = new("--deadline")
    {
        Description = "How long one measurement may take (queries, loading, judging) before it counts as an error: 30s, 5m; default: the interval, at least 30s.",
        CustomParser = r => Durations.Parser("--deadline", positive: true)(r),
    };
    private readonly Option<bool> _replay = new("--replay")
    {
        Description = "Replay a canary already in the telemetry store: measurement i is judged as of the rollout's asOf plus its place in the schedule, without waiting for time that has passed (a back-test of the watch's limits).",
    };

    private readonly Option<string> _format = new("--format") { Description = "text (the measurements as they come), or html: also write a report with the canary's score over its measurements to --output.", DefaultValueFactory = _ => "text" };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Where --format html writes its report." };
    private readonly IAnsiConsole _console;
    private readonly ErrorWriter _error;
    private readonly TimeProvider _clock;
    private readonly GateSettings _settings;
    private readonly PrometheusSettings _prometheus;

    /// <summary>Creates the command.</summary>
    public WatchCommand(IAnsiConsole console, ErrorWriter error, TimeProvider clock, IOptions<GateSettings> settings, IOptions<PrometheusSettings> prometheus)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _console = console;
        _error = error;
        _clock = clock;
        _settings = settings.Value;
        ArgumentNullException.ThrowIfNull(prometheus);
        _prometheus = prometheus.Value;
        Command = new Command("watch", "Judge a canary again every interval (inputs read afresh each time), store a decision record per measurement, and decide by the measurement limits (docs/canary.md): exit 0 pass, 2 rollback, 3 hold, 4 error.");
        foreach (var option in _release.All.Concat([_count, _interval, _failureLimit, _inconclusiveLimit, _errorLimit, _successLimit, _deadline, _replay, _format, _output]))
        {
            Command.Options.Add(option);
        }

        _format.AcceptOnlyFromAmong("text", "html");
        Command.Validators.Add(r =>
        {
            if (r.GetValue(_format) == "html" && r.GetValue(_output) is null)
            {
                r.AddError("--format html writes a report file: give --output report.html (the measurements still print as they come)");
            }
        });


        _release.Validate(Command, standardInput: false);
        Command.SetAction(RunAsync);
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        if ((_release.Pack.Problem(parse) ?? Policy(parse).Problem) is { } usage)
        {
            _error.Writer.WriteLine($"policyengine watch: {usage}");
            return ExitCodes.Usage;
        }

        DecisionStore store;
        try
        {
            store = _release.Records.Open(parse, _settings);
        }
        catch (ArgumentException e)
        {
            _error.Writer.WriteLine($"policyengine watch: error: the record store: {e.Message}");
            return ExitCodes.Error;
        }

        using (store)
        {
            return await RunAsync(parse, store, cancel).ConfigureAwait(false);
        }
    }

    private async Task<int> RunAsync(ParseResult parse, DecisionStore store, CancellationToken cancel)
    {
        PolicyPack pack;
        try
        {
            pack = _release.Pack.Load(parse);
        }
        catch (InputException e)
        {
            _error.Writer.WriteLine($"policyengine watch: error: {e.Message}");
            return PolicyNotLoaded.Record(_console, _error.Writer, "watch", parse.GetValue(_release.Pack.Policy)!.ToString(), e.Message, store, _clock);
        }

        var policy = Policy(parse);
        var deadline = parse.GetValue(_deadline) ?? (policy.Interval > TimeSpan.FromSeconds(30) ? policy.Interval : TimeSpan.FromSeconds(30));
        var request = _release.Request(parse, pack, "canary", _prometheus) with { History = store, Deadline = deadline, RefuseSelfApprovedWaivers = _settings.RefuseSelfApprovedWaivers };
        var watch = new CanaryWatch(request, policy, _clock)
        {
            Replay = parse.GetValue(_replay),
        };
        if (request.TelemetrySource is not null && watch.FixedInstant() is { } instant)
        {
            // Copying a rollout file with asOf into a live watch would judge the past at every look.
            _console.MarkupLine($"[yellow]note:[/] the rollout's asOf fixes every measurement at {instant:O}: each queries the same instant. Give --replay to step through the canary from it, or leave asOf out to watch it live.");
        }

        _console.MarkupLine($"{(watch.Replay ? "replaying" : "watching")} the canary with {TextReport.Show(pack.Name)}: {policy.Count} measurements (errors not counted), {policy.Interval} apart, each within {deadline}; limits: {Limit(policy.FailureLimit)} failed, {Limit(policy.InconclusiveLimit)} inconclusive, {policy.ConsecutiveErrorLimit} errors in a row{(policy.SuccessLimitApplies ? $"; {policy.ConsecutiveSuccessLimit} passes in a row pass" : "")}");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        var measurements = new List<CanaryMeasurement>();
        builder.Services.AddSingleton(new WatchService.Job(watch, store, m =>
        {
            measurements.Add(m);
            Report(m);
        }));
        builder.Services.AddHostedService<WatchService>();
        using var host = builder.Build();
        var job = host.Services.GetRequiredService<WatchService.Job>();
        await host.RunAsync(cancel).ConfigureAwait(false);
        if (job.Result is not { } result)
        {
            _error.Writer.WriteLine("policyengine watch: error: the watch ended without a verdict");
            return ExitCodes.Error;
        }

        _console.MarkupLine($"[bold]{result.Verdict.ToString().ToUpperInvariant()}[/] {TextReport.Show(result.Reason)} [dim](exit {result.ExitCode}; {result.Records.Count} decision records in {TextReport.Show(store.Location)})[/]");
        if (parse.GetValue(_format) == "html" && parse.GetValue(_output) is { } output)
        {
            var release = measurements.Select(m => m.Release).LastOrDefault(r => r is not null) is { } r ? $"{r.Model} {r.Version}" : "the release";
            try
            {
                File.WriteAllText(output.FullName, HtmlReport.Watch(result, measurements, release, pack));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _error.Writer.WriteLine($"policyengine watch: error: cannot write {output}: {e.Message}");
                return ExitCodes.Error;
            }
        }

        return result.ExitCode;
    }

    private void Report(CanaryMeasurement m)
    {
        var verdict = Words.Of(m.Decision.Verdict);
        _console.MarkupLine($"measurement {m.Number}/{m.Count}: [bold]{verdict}[/] — {TextReport.Show(m.Decision.Reason)}");
        _console.MarkupLine($"  [dim]{TextReport.Show(m.Reason)}; record {TextReport.Show(m.RecordPath.Contains("://", StringComparison.Ordinal) ? m.RecordPath : Path.GetFileName(m.RecordPath))}[/]");
        foreach (var score in m.Decision.Scores)
        {
            _console.MarkupLine($"  {TextReport.Show(score.Describe())}");
        }

        if (m.Decision.Verdict == Verdict.Error)
        {
            _error.Writer.WriteLine($"policyengine watch: measurement {m.Number}: error: {m.Decision.Reason}");
        }
    }

    private MeasurementRules Policy(ParseResult r) => new(
        r.GetValue(_count), r.GetValue(_interval), r.GetValue(_failureLimit), r.GetValue(_inconclusiveLimit), r.GetValue(_errorLimit), r.GetValue(_successLimit));

    private static string Limit(int limit) => limit == MeasurementRules.NoLimit ? "any number" : limit.ToString(CultureInfo.InvariantCulture);
}
