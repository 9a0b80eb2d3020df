using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PolicyEngine.Cli;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// A bounded load test of <c>policyengine serve</c> on loopback (docs/benchmarks.md, "Serving"): the real command
/// started in process, a fixed number of gates on the sample pack and inputs sent by concurrent callers over
/// HTTP; it reports decisions per second and the P50/P99 latency callers saw, and fails on any answer that is not
/// the expected verdict. <c>dotnet run -c Release --project tests/PolicyEngine.Benchmarks -- serve-load [requests] [callers]</c>.
/// </summary>
public static class ServeLoad
{
    /// <summary>Runs the load test; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var callers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        var root = Path.Combine(Path.GetTempPath(), "policyengine-serve-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var samples = SampleFiles.Directory;
        var server = Task.Run(() => CliApp.Run(
            ["serve", "--sample", "--listen", $"http://127.0.0.1:{port}", "--data-root", samples, "--record-dir", Path.Combine(root, "records"),
             "--trust", SampleFiles.Trust, "--queue-limit", requests.ToString(CultureInfo.InvariantCulture), "--deadline", "60s"],
            Spectre.Console.AnsiConsole.Console, TextWriter.Null, stop.Token));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        WaitReady(http, server);

        var body = """{ "rollout": "rollout.json", "telemetry": "telemetry.csv", "evaluationReport": "evaluation-report.json", "evidence": "evidence.json" }""";
        // Warm up: the first gate compiles the pack and JITs the path.
        Gate(http, body);
        var latencies = new double[requests];
        var next = -1;
        var wall = Stopwatch.StartNew();
        Task.WaitAll([.. Enumerable.Range(0, callers).Select(_ => Task.Run(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var one = Stopwatch.StartNew();
                Gate(http, body);
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }
        }))]);
        wall.Stop();
        stop.Cancel();
        server.Wait();

        var recorded = Directory.GetFiles(Path.Combine(root, "records"), "*.json").Length;
        Directory.Delete(root, recursive: true);
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {requests} | {callers} | {requests / wall.Elapsed.TotalSeconds:0.0} | {Percentile(latencies, 50):0.0} ms | {Percentile(latencies, 99):0.0} ms | {recorded - 1} |"));
        return recorded == requests + 1 ? 0 : 1;
    }

    private static void Gate(HttpClient http, string body)
    {
        using var response = http.PostAsync("/v1/argo/gate", new StringContent(body, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        using var answer = JsonDocument.Parse(text);
        if (response.StatusCode != HttpStatusCode.OK || answer.RootElement.GetProperty("verdict").GetString() != "warn")
        {
            throw new InvalidOperationException($"expected the sample's warn verdict, got {(int)response.StatusCode}: {text}");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p / 100 * sorted.Length) - 1)];

    private static void WaitReady(HttpClient http, Task<int> server)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (server.IsCompleted)
            {
                throw new InvalidOperationException($"the server exited with {server.Result}");
            }

            try
            {
                if (http.GetAsync("/readyz").GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException("the server was not ready within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
