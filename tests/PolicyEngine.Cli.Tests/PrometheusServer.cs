using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// A real Prometheus server on loopback, its storage backfilled with promtool from OpenMetrics text: the
/// Debian packages prometheus and promtool, which .ci/run installs.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;

    private PrometheusServer(string root, Process process, string url)
    {
        Root = root;
        _process = process;
        Url = url;
    }

    public string Root { get; }

    public string Url { get; }

    /// <summary>Backfills <paramref name="openMetrics"/> and starts the server; returns once it is ready.</summary>
    public static PrometheusServer Start(string openMetrics)
    {
        var root = Path.Combine(Path.GetTempPath(), "policyengine-prometheus", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "series.om"), openMetrics);
        File.WriteAllText(Path.Combine(root, "prometheus.yml"), "global:\n  scrape_interval: 1h\n");
        Run("promtool", "tsdb", "create-blocks-from", "openmetrics", Path.Combine(root, "series.om"), Path.Combine(root, "data"));

        var port = Ports.Free();
        var process = Process.Start(new ProcessStartInfo("prometheus",
        [
            $"--config.file={Path.Combine(root, "prometheus.yml")}",
            $"--storage.tsdb.path={Path.Combine(root, "data")}",
            "--storage.tsdb.retention.time=100y",
            $"--web.listen-address=127.0.0.1:{port}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("prometheus did not start (apt-get install prometheus)");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(root, process, $"http://127.0.0.1:{port}");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (Http.GetAsync(new Uri($"{server.Url}/-/ready")).GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {process.ExitCode}");
            }

            Thread.Sleep(100);
        }

        server.Dispose();
        throw new InvalidOperationException("prometheus was not ready within 60 s");
    }

    /// <summary>OpenMetrics gauges, one sample a minute over the five minutes up to <paramref name="at"/>.</summary>
    public static string Gauges(DateTimeOffset at, IEnumerable<(string Name, string Labels, double Value)> series) =>
        Gauges(series.SelectMany(s => Enumerable.Range(0, 6).Select(minute => (s.Name, s.Labels, at.AddMinutes(-minute), s.Value))));

    /// <summary>OpenMetrics gauges, each sample at its own time: series that change as a canary runs.</summary>
    public static string Gauges(IEnumerable<(string Name, string Labels, DateTimeOffset At, double Value)> samples)
    {
        var text = new StringBuilder();
        foreach (var group in samples.GroupBy(s => s.Name))
        {
            text.Append(CultureInfo.InvariantCulture, $"# TYPE {group.Key} gauge\n");
            // OpenMetrics wants a series' samples together and in time order.
            foreach (var (name, labels, at, value) in group.OrderBy(s => s.Labels, StringComparer.Ordinal).ThenBy(s => s.At))
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value} {at.ToUnixTimeSeconds()}\n");
            }
        }

        return text.Append("# EOF\n").ToString();
    }

    /// <summary>Stops the server as if it went away.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}");
        }
    }
}
