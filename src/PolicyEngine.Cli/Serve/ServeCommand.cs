using System.CommandLine;
using Microsoft.Extensions.Options;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Prometheus;
using PolicyEngine.Gate.Packs;

namespace PolicyEngine.Cli.Serve;

/// <summary><c>policyengine serve</c>: the gate as an HTTP service for Argo Rollouts, Flagger and pipelines (docs/serve.md).</summary>
public sealed class ServeCommand
{
    private readonly Option<FileInfo[]> _policy = new("--policy") { Description = "A built guardrail assembly (.dll) whose pack to serve; repeat to serve several (requests then name one).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> _sample = new("--sample") { Description = "Serve the bundled sample pack (rules/PolicyEngine.Rules.Sample)." };
    private readonly Option<string[]> _listen = new("--listen")
    {
        Description = "An address to listen on (repeatable). Default http://127.0.0.1:8080: loopback only. Any other address needs --token-file.",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => ["http://127.0.0.1:8080"],
    };

    private readonly Option<DirectoryInfo> _dataRoot = new("--data-root") { Description = "The folder requests may name input files in; nothing outside it is read (default: the working directory).", DefaultValueFactory = _ => new DirectoryInfo(".") };
    private readonly RecordStoreOptions _records = new();
    private readonly Option<FileInfo?> _tokens = new("--token-file") { Description = "Bearer tokens callers must present, as SHA-256 hashes, one 'sha256:<hex>' per line ('policyengine serve hash-token' makes one)." };
    private readonly Option<FileInfo?> _trust = new("--trust") { Description = "The trust file evidence signatures are checked against; requests cannot bring their own." };
    private readonly Option<string?> _prometheus = new("--prometheus") { Description = "Query telemetry from this Prometheus-compatible API when a request names no telemetry file." };
    private readonly Option<FileInfo?> _prometheusConfig = new("--prometheus-config") { Description = "The PromQL templates (docs/schemas/prometheus.schema.json); default: the Prometheus configuration section." };
    private readonly Option<TimeSpan?> _deadline = new("--deadline")
    {
        Description = "How long one gate may load and judge before its verdict is error (default 8s: Argo and Flagger wait 10 s unless told otherwise).",
        CustomParser = r => Durations.Parser("--deadline", positive: true)(r),
    };

    private readonly Option<int?> _maxConcurrent = new("--max-concurrent") { Description = "Gates judged at once (default: twice the processor count); more wait." };
    private readonly Option<int?> _queue = new("--queue-limit") { Description = "Gates that may wait for a turn (default 100); beyond them a request gets 429." };

    private readonly TextWriter _error;
    private readonly TextWriter _output;
    private readonly TimeProvider _clock;
    private readonly GateSettings _settings;
    private readonly PrometheusSettings _prometheusSettings;

    /// <summary>Creates the command.</summary>
    public ServeCommand(Spectre.Console.IAnsiConsole console, ErrorWriter error, TimeProvider clock, IOptions<GateSettings> settings, IOptions<PrometheusSettings> prometheus)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(prometheus);
        _output = console.Profile.Out.Writer;
        _error = error.Writer;
        _clock = clock;
        _settings = settings.Value;
        _prometheusSettings = prometheus.Value;
        Command = new Command("serve", "Serve the gate over HTTP: POST /v1/gate, an Argo Rollouts web metric, Flagger webhooks, decision records and rule docs (docs/serve.md).");
        foreach (var option in new Option[] { _policy, _sample, _listen, _dataRoot, _records.Directory, _records.Store, _tokens, _trust, _prometheus, _prometheusConfig, _deadline, _maxConcurrent, _queue })
        {
            Command.Options.Add(option);
        }

        _records.Validate(Command);
        Command.Validators.Add(r =>
        {
            if ((r.GetValue(_policy) is { Length: > 0 }) == r.GetValue(_sample))
            {
                r.AddError("say which pack to serve: --policy <guardrails.dll> (repeatable) or --sample, not both");
            }

            if (r.GetValue(_maxConcurrent) is < 1 || r.GetValue(_queue) is < 0)
            {
                r.AddError("--max-concurrent must be at least 1 and --queue-limit at least 0");
            }
        });
        Command.SetAction((parse, cancel) => RunAsync(parse, cancel));

        var hash = new Command("hash-token", "Read a token from standard input and print the line a --token-file holds for it (its SHA-256).");
        hash.SetAction(_ =>
        {
            var token = Console.In.ReadLine()?.Trim();
            if (string.IsNullOrEmpty(token))
            {
                _error.WriteLine("policyengine serve hash-token: no token on standard input; e.g. openssl rand -hex 32 | tee token | policyengine serve hash-token >> tokens");
                return ExitCodes.Usage;
            }

            _output.WriteLine(BearerTokens.Hash(token));
            return 0;
        });
        Command.Subcommands.Add(hash);
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        ServeSettings settings;
        try
        {
            settings = Settings(parse);
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            _error.WriteLine($"policyengine serve: error: {e.Message}");
            return ExitCodes.Usage;
        }

        using var store = settings.Store;

        if (!settings.LoopbackOnly && settings.Tokens.Count == 0)
        {
            _error.WriteLine($"policyengine serve: {string.Join(", ", settings.Urls)} is reachable from other machines: give --token-file so that only holders of a token can gate, or listen on loopback (http://127.0.0.1:8080)");
            return ExitCodes.Usage;
        }

        await using var app = ServeHost.Build(settings, _clock);
        try
        {
            await app.StartAsync(cancel);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            _error.WriteLine($"policyengine serve: error: cannot listen on {string.Join(", ", settings.Urls)}: {e.Message}");
            return ExitCodes.Error;
        }

        var security = settings.Tokens.Count > 0 ? $"bearer token required ({settings.Tokens.Count} configured)" : "loopback only, no token required";
        _error.WriteLine($"policyengine serve: listening on {string.Join(", ", app.Urls)}; {security}; packs {string.Join(", ", settings.Packs.Keys)}; data root {settings.DataRoot.FullPath}; records {settings.Store.Location}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: finish what is in flight, then stop.
        }

        await app.StopAsync(CancellationToken.None);
        _error.WriteLine("policyengine serve: stopped");
        return 0;
    }

    private ServeSettings Settings(ParseResult parse)
    {
        var packs = new Dictionary<string, PolicyPack>(StringComparer.Ordinal);
        IEnumerable<PolicyPack> loaded = parse.GetValue(_sample)
            ? [PolicyEngine.Rules.Sample.GuardrailPack.Instance]
            : parse.GetValue(_policy)!.Select(f => PolicyPackLoader.Load(f.ToString()));
        foreach (var pack in loaded)
        {
            if (!packs.TryAdd(pack.Name, pack))
            {
                throw new InputException(pack.Name, "--policy", "two assemblies hold packs of this name; serve each name once");
            }
        }

        var url = parse.GetValue(_prometheus);
        var config = parse.GetValue(_prometheusConfig)?.ToString();
        return new ServeSettings
        {
            Packs = packs,
            DataRoot = new DataRoot(parse.GetValue(_dataRoot)!.FullName),
            RecordDirectory = _records.LocalDirectory(parse, _settings),
            Store = _records.Open(parse, _settings),
            Urls = parse.GetValue(_listen)!,
            Tokens = parse.GetValue(_tokens) is { } tokens ? BearerTokens.Load(tokens.FullName) : BearerTokens.None,
            TrustPath = parse.GetValue(_trust)?.FullName,
            Prometheus = url is not null || config is not null ? ReleaseOptions.PrometheusSource(config, url, _prometheusSettings) : null,
            Deadline = parse.GetValue(_deadline) ?? TimeSpan.FromSeconds(8),
            MaxConcurrent = parse.GetValue(_maxConcurrent) ?? Math.Max(2, Environment.ProcessorCount * 2),
            QueueLimit = parse.GetValue(_queue) ?? 100,
        };
    }
}
