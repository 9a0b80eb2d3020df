using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Canary;
using PolicyEngine.Gate.Inputs;
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
        CustomParser = ParseInterval,
    };

    private readonly Option<int> _failureLimit = new("--failure-limit") { Description = "Failed measurements tolerated before rollback.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _inconclusiveLimit = new("--inconclusive-limit") { Description = "Inconclusive measurements tolerated before hold.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _errorLimit = new("--consecutive-error-limit") { Description = "Errors in a row tolerated before error.", DefaultValueFactory = _ => 4 };
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
        foreach (var option in _release.All.Concat([_count, _interval, _failureLimit, _inconclusiveLimit, _errorLimit]))
        {
            Command.Options.Add(option);
        }

        foreach (var limit in new[] { _count, _failureLimit, _inconclusiveLimit, _errorLimit })
        {
            limit.Validators.Add(r =>
            {
                var minimum = limit == _count ? 1 : 0;
                if (r.GetValueOrDefault<int>() < minimum)
                {
                    r.AddError($"{limit.Name}: {minimum} or more");
                }
            });
        }

        _release.Validate(Command);
        Command.SetAction(RunAsync);
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        if (_release.Pack.Problem(parse) is { } usage)
        {
            _error.Writer.WriteLine($"policyengine watch: {usage}");
            return ExitCodes.Usage;
        }

        PolicyPack pack;
        try
        {
            pack = _release.Pack.Load(parse);
        }
        catch (InputException e)
        {
            _error.Writer.WriteLine($"policyengine watch: error: {e.Message}");
            return ExitCodes.Error;
        }

        var policy = new MeasurementPolicy(parse.GetValue(_count), parse.GetValue(_interval), parse.GetValue(_failureLimit), parse.GetValue(_inconclusiveLimit), parse.GetValue(_errorLimit));
        var records = _release.RecordDirectory(parse, _settings);
        var watch = new CanaryWatch(_release.Request(parse, pack, "canary", _prometheus) with { HistoryDirectory = records }, policy, _clock);
        _console.MarkupLine($"watching the canary with {Markup.Escape(pack.Name)}: {policy.Count} measurements, {policy.Interval} apart; limits: {policy.FailureLimit} failed, {policy.InconclusiveLimit} inconclusive, {policy.ConsecutiveErrorLimit} errors in a row");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(new WatchService.Job(watch, record => DecisionRecordJson.Store(record, records), Report));
        builder.Services.AddHostedService<WatchService>();
        using var host = builder.Build();
        var job = host.Services.GetRequiredService<WatchService.Job>();
        await host.RunAsync(cancel).ConfigureAwait(false);
        if (job.Result is not { } result)
        {
            _error.Writer.WriteLine("policyengine watch: error: the watch ended without a verdict");
            return ExitCodes.Error;
        }

        _console.MarkupLine($"[bold]{result.Verdict.ToString().ToUpperInvariant()}[/] {Markup.Escape(result.Reason)} [dim](exit {result.ExitCode}; {result.Records.Count} decision records in {Markup.Escape(records)})[/]");
        return result.ExitCode;
    }

    private void Report(CanaryMeasurement m)
    {
        var verdict = Words.Of(m.Decision.Verdict);
        _console.MarkupLine($"measurement {m.Number}/{m.Count}: [bold]{verdict}[/] — {Markup.Escape(m.Decision.Reason)}");
        _console.MarkupLine($"  [dim]{Markup.Escape(m.Reason)}; record {Markup.Escape(Path.GetFileName(m.RecordPath))}[/]");
        foreach (var score in m.Decision.Scores)
        {
            _console.MarkupLine($"  {Markup.Escape(score.Describe())}");
        }

        if (m.Decision.Verdict == Verdict.Error)
        {
            _error.Writer.WriteLine($"policyengine watch: measurement {m.Number}: error: {m.Decision.Reason}");
        }
    }

    private static TimeSpan ParseInterval(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            switch (text[^1])
            {
                case 's':
                    return TimeSpan.FromSeconds(amount);
                case 'm':
                    return TimeSpan.FromMinutes(amount);
                case 'h':
                    return TimeSpan.FromHours(amount);
            }
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        result.AddError($"--interval: '{text}' is not a duration; expected e.g. 30s, 5m, 1h or 00:00:30");
        return default;
    }
}
