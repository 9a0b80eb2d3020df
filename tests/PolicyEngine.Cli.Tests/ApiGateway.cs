using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// A gateway in front of a real Prometheus-compatible API, as production puts one there (an auth proxy, a
/// Mimir or Cortex gateway): it can require headers, fail the first requests, answer slowly, and it counts the
/// requests it forwards and how many were in flight at once.
/// </summary>
internal sealed class ApiGateway : IAsyncDisposable
{
    private static readonly HttpClient Upstream = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly WebApplication _app;
    private int _inFlight;
    private int _maxInFlight;
    private int _requests;

    private ApiGateway(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public int Requests => _requests;

    public int MaxInFlight => _maxInFlight;

    /// <param name="upstream">The API forwarded to.</param>
    /// <param name="required">Headers a request must carry, else 401.</param>
    /// <param name="failFirst">How many requests are answered 503 before any is forwarded.</param>
    /// <param name="delay">How long each request is held before it is forwarded.</param>
    public static async Task<ApiGateway> Start(string upstream, IReadOnlyDictionary<string, string>? required = null, int failFirst = 0, TimeSpan? delay = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gateway = new ApiGateway(app);
        app.Run(async context =>
        {
            var number = Interlocked.Increment(ref gateway._requests);
            var now = Interlocked.Increment(ref gateway._inFlight);
            InterlockedMax(ref gateway._maxInFlight, now);
            try
            {
                foreach (var (name, value) in required ?? new Dictionary<string, string>())
                {
                    if (context.Request.Headers[name] != value)
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        await context.Response.WriteAsync($"missing or wrong {name}");
                        return;
                    }
                }

                if (number <= failFirst)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    await context.Response.WriteAsync("upstream unavailable");
                    return;
                }

                if (delay is { } wait)
                {
                    await Task.Delay(wait, context.RequestAborted);
                }

                using var response = await Upstream.GetAsync(new Uri($"{upstream}{context.Request.Path}{context.Request.QueryString}"), context.RequestAborted);
                context.Response.StatusCode = (int)response.StatusCode;
                context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
                await context.Response.WriteAsync(await response.Content.ReadAsStringAsync(context.RequestAborted));
            }
            finally
            {
                Interlocked.Decrement(ref gateway._inFlight);
            }
        });
        await app.StartAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
