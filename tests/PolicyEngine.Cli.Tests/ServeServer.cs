using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyEngine.Cli.Serve;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// A real <c>policyengine serve</c> host on a free loopback port, serving the sample pack with a data root holding the
/// sample inputs, and a client for it. Logs are kept so tests can check what the server said.
/// </summary>
internal sealed class ServeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServeServer(string root, ServeSettings settings, WebApplication app, LogSink logs)
    {
        Root = root;
        Settings = settings;
        _app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Root { get; }

    public string Data => Path.Combine(Root, "data");

    public ServeSettings Settings { get; }

    public HttpClient Client { get; }

    public LogSink Logs { get; }

    public static async Task<ServeServer> Start(Func<ServeSettings, ServeSettings>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "policyengine-serve-tests", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        foreach (var file in new[] { SampleFiles.Rollout, SampleFiles.Telemetry, SampleFiles.EvaluationReport, SampleFiles.Evidence, SampleFiles.Trust })
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        var settings = new ServeSettings
        {
            Packs = new Dictionary<string, Evaluation.PolicyPack> { [Rules.Sample.GuardrailPack.Instance.Name] = Rules.Sample.GuardrailPack.Instance },
            DataRoot = new DataRoot(data),
            RecordDirectory = Path.Combine(root, "records"),
            Store = new Gate.Records.DirectoryStore(Path.Combine(root, "records")),
            Urls = ["http://127.0.0.1:0"],
            TrustPath = Path.Combine(data, "trust.json"),
            Deadline = TimeSpan.FromSeconds(60),
        };
        settings = configure?.Invoke(settings) ?? settings;
        var logs = new LogSink();
        var app = ServeHost.Build(settings, TimeProvider.System, logging => logging.AddProvider(logs));
        await app.StartAsync();
        return new ServeServer(root, settings, app, logs);
    }

    /// <summary>Writes a file into the data root; returns its path relative to it.</summary>
    public string Write(string name, string content)
    {
        File.WriteAllText(Path.Combine(Data, name), content);
        return name;
    }

    public string[] RecordFiles() => Directory.Exists(Settings.RecordDirectory) ? Directory.GetFiles(Settings.RecordDirectory, "*.json") : [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Settings.Store.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>Every log entry the server wrote, as "level category: message".</summary>
    internal sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
