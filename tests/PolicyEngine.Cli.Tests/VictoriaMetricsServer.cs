using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// A real VictoriaMetrics single-node server on loopback (the Debian package victoria-metrics, which .ci/run
/// installs), loaded through its Prometheus-format import API; optionally behind basic authentication or TLS.
/// </summary>
internal sealed class VictoriaMetricsServer : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private VictoriaMetricsServer(string root, Process process, string url, HttpClient http)
    {
        Root = root;
        _process = process;
        Url = url;
        _http = http;
    }

    public string Root { get; }

    public string Url { get; }

    /// <param name="exposition">Series in Prometheus' text format with millisecond timestamps.</param>
    /// <param name="basicAuth">A user and password the server then requires.</param>
    /// <param name="tls">A certificate and key (PEM files) the server then serves https with.</param>
    public static VictoriaMetricsServer Start(string exposition, (string User, string Password)? basicAuth = null, (string Certificate, string Key)? tls = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "policyengine-victoria-metrics", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var port = Ports.Free();
        List<string> args =
        [
            $"-storageDataPath={Path.Combine(root, "data")}",
            $"-httpListenAddr=127.0.0.1:{port}",
            "-retentionPeriod=100y",
            "-search.disableCache",
            "-search.latencyOffset=0s",
            "-loggerLevel=ERROR",
        ];
        if (basicAuth is { } auth)
        {
            args.AddRange([$"-httpAuth.username={auth.User}", $"-httpAuth.password={auth.Password}"]);
        }

        if (tls is { } pem)
        {
            args.AddRange(["-tls", $"-tlsCertFile={pem.Certificate}", $"-tlsKeyFile={pem.Key}"]);
        }

        var process = Process.Start(new ProcessStartInfo("victoria-metrics", args) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("victoria-metrics did not start (apt-get install victoria-metrics)");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // The test's own client: it trusts the test certificate and knows the password, to load the data.
        var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }) { Timeout = TimeSpan.FromSeconds(10) };
        if (basicAuth is { } credentials)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}")));
        }

        var server = new VictoriaMetricsServer(root, process, $"{(tls is null ? "http" : "https")}://127.0.0.1:{port}", http);
        server.WaitReady();
        server.Post("/api/v1/import/prometheus", exposition);
        server.Get("/internal/force_flush");
        return server;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _http.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private void WaitReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = _http.GetAsync(new Uri($"{Url}/health")).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"victoria-metrics exited with {_process.ExitCode}");
            }

            Thread.Sleep(100);
        }

        Dispose();
        throw new InvalidOperationException("victoria-metrics was not ready within 60 s");
    }

    private void Post(string path, string body)
    {
        using var response = _http.PostAsync(new Uri($"{Url}{path}"), new StringContent(body, Encoding.UTF8, "text/plain")).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    private void Get(string path)
    {
        using var response = _http.GetAsync(new Uri($"{Url}{path}")).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }
}
