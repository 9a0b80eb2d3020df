using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PolicyEngine.Gate;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli.Serve;

/// <summary>
/// The HTTP server behind <c>policyengine serve</c> (docs/serve.md): Kestrel and minimal APIs. Every answer that is
/// not a decision is a problem+json body, and is logged; a gate that cannot decide answers so, never with a pass.
/// </summary>
internal static class ServeHost
{
    private const string GateLimit = "gates";

    /// <summary>The server, built but not started.</summary>
    /// <param name="settings">What it serves and how.</param>
    /// <param name="clock">The decision clock.</param>
    /// <param name="logging">Where logs go; null: one line per entry on standard error.</param>
    public static WebApplication Build(ServeSettings settings, TimeProvider clock, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; o.UseUtcTimestamp = true; });
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        }
        else
        {
            logging(builder.Logging);
        }

        // The server's own log (refusals, Flagger events, decisions on webhooks) is its audit of requests: always on.
        builder.Logging.AddFilter("PolicyEngine.Serve", LogLevel.Information);

        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = settings.MaxRequestBytes;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("policyengine", serviceVersion: GateRun.ToolVersion))
            .WithTracing(t => t.AddSource(GateTelemetry.Name).AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/metrics")))
            .WithMetrics(m => m.AddMeter(GateTelemetry.Name).AddAspNetCoreInstrumentation().AddPrometheusExporter());
        if (CliTelemetry.Configured)
        {
            // OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* variables) say where.
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddRateLimiter(o =>
        {
            o.AddConcurrencyLimiter(GateLimit, l =>
            {
                l.PermitLimit = settings.MaxConcurrent;
                l.QueueLimit = settings.QueueLimit;
                l.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            o.OnRejected = async (context, _) => await Refuse(context.HttpContext, new RequestRefused(
                StatusCodes.Status429TooManyRequests, "Too many gates at once",
                $"{settings.MaxConcurrent} gates are being judged and {settings.QueueLimit} wait; try again shortly")).ExecuteAsync(context.HttpContext);
        });

        var app = builder.Build();
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            // Health is open to the orchestrator's probes; everything under /v1 needs a token when tokens are configured.
            if (settings.Tokens.Count > 0 && context.Request.Path.StartsWithSegments("/v1") && !settings.Tokens.Admits(context.Request.Headers.Authorization))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Refuse(context, new RequestRefused(StatusCodes.Status401Unauthorized, "Unauthorized", "this server needs a bearer token: Authorization: Bearer <token>")).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        app.UseRateLimiter();

        // Prometheus text format: the gate's instruments and the server's own HTTP metrics. Open, like health: it carries counts, not decisions.
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", () => Ready(settings) is { } problem
            ? Results.Problem(detail: problem, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready")
            : Results.Json(new { status = "ready", packs = settings.Packs.Keys }));

        app.MapPost("/v1/gate", (HttpRequest http) => Answer(http.HttpContext, async () =>
        {
            var (record, _) = await Judge(await Read<GateBody>(http.HttpContext, GateBody.Json, "a gate request"), settings, clock, Asked(http, "api", null));
            http.HttpContext.Response.Headers.Location = $"/v1/records/{record.DecisionId}";
            return Results.Text(DecisionRecordJson.Write(record), "application/json", System.Text.Encoding.UTF8);
        })).RequireRateLimiting(GateLimit);

        app.MapPost("/v1/argo/gate", (HttpRequest http) => Answer(http.HttpContext, async () =>
        {
            var (record, _) = await Judge(await Read<GateBody>(http.HttpContext, GateBody.Json, "a gate request"), settings, clock, Asked(http, "argo", null));
            return Results.Json(GateAnswer.Of(record), Json);
        })).RequireRateLimiting(GateLimit);

        app.MapGet("/v1/argo/gate", (HttpRequest http) => Answer(http.HttpContext, async () =>
        {
            var (record, _) = await Judge(FromQuery(http.Query), settings, clock, Asked(http, "argo", null));
            return Results.Json(GateAnswer.Of(record), Json);
        })).RequireRateLimiting(GateLimit);

        app.MapPost("/v1/flagger/{hook}", (HttpContext context, string hook) => Answer(context, async () =>
        {
            if (!FlaggerHook.Stages.TryGetValue(hook, out var stage))
            {
                throw new RequestRefused(StatusCodes.Status404NotFound, "Unknown webhook", $"'{Gate.Writers.Words.Printable(hook)}' is not a Flagger webhook type; expected one of {string.Join(", ", FlaggerHook.Stages.Keys)}");
            }

            var payload = await Read<FlaggerPayload>(context, Json, "a Flagger webhook payload");
            var log = Logger(context);
            if (stage is null)
            {
                // Events and post-rollout judge nothing: they are logged, and acknowledged as Flagger expects.
                log.LogInformation("flagger {Hook}: {Name}.{Namespace} phase {Phase}: {Type} {Message}", hook, payload.Name, payload.Namespace, payload.Phase,
                    payload.Metadata?.GetValueOrDefault("eventType"), payload.Metadata?.GetValueOrDefault("eventMessage"));
                return Results.Json(new { accepted = true }, Json, statusCode: hook == "event" ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
            }

            if (string.IsNullOrWhiteSpace(payload.Name))
            {
                throw RequestRefused.BadRequest("name: Flagger sends the canary's name; the payload has none");
            }

            var (record, _) = await Judge(FlaggerHook.Body(payload, hook), settings, clock, Asked(context.Request, "flagger", $"{payload.Name}.{payload.Namespace} {hook}"));
            var status = FlaggerHook.Status(hook, record.Verdict);
            log.LogInformation("flagger {Hook}: {Name}.{Namespace} phase {Phase}: {Verdict}, answered {Status}", hook, payload.Name, payload.Namespace, payload.Phase, record.Verdict, status);
            return Results.Json(GateAnswer.Of(record), Json, statusCode: status);
        })).RequireRateLimiting(GateLimit);

        app.MapGet("/v1/records/{id}", (HttpContext context, string id) => Answer(context, () =>
        {
            if (!Guid.TryParse(id, out var decision))
            {
                throw RequestRefused.BadRequest($"id: '{Gate.Writers.Words.Printable(id)}' is not a decision id (a UUID)");
            }

            var stored = settings.Store.Find(decision);
            return Task.FromResult(stored is null
                ? throw new RequestRefused(StatusCodes.Status404NotFound, "No such decision", $"no decision record with id {decision} is stored here")
                : Results.Bytes(stored.Bytes, "application/json; charset=utf-8"));
        }));

        app.MapGet("/v1/records", (HttpRequest http) => Answer(http.HttpContext, () => Task.FromResult(Results.Json(Records.List(settings.Store, http.Query), Json))));

        app.MapGet("/v1/packs", () => Results.Json(settings.Packs.Values.Select(p => new { name = p.Name, fingerprint = p.Fingerprint, guardrails = p.Guardrails.Count, docs = $"/v1/packs/{p.Name}/docs" }), Json));
        app.MapGet("/v1/packs/{name}/docs", (HttpContext context, string name) => Answer(context, () =>
            Task.FromResult(Results.Text(GateInputs.Pack(name, settings).RuleDocs, "text/markdown", System.Text.Encoding.UTF8))));
        return app;
    }

    /// <summary>How answers are written: camelCase, as the decision record.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The problem with serving now, or null when ready: the packs are loaded and records can be written.</summary>
    private static string? Ready(ServeSettings settings)
    {
        return settings.Store.Unwritable() ?? (settings.Packs.Count > 0 ? null : "no pack is loaded");
    }

    /// <summary>Runs the gate as the CLI does, on a worker thread, and stores its record.</summary>
    private static async Task<(DecisionRecord Record, string Path)> Judge(GateBody body, ServeSettings settings, TimeProvider clock, ServeRequest asked)
    {
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        try
        {
            var request = GateInputs.Request(body, settings, id) with { Run = RunContext.FromEnvironment() with { Request = asked } };
            var (result, path) = await Task.Run(() => GateRun.RunAndRecord(request, clock, settings.Store));
            return (result.Record, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RequestRefused(StatusCodes.Status500InternalServerError, "Decision not recorded", $"the decision could not be recorded: {e.Message}; an unrecorded decision does not count");
        }
    }

    /// <summary>What the record says of the request: the endpoint, the caller's address, what the controller named.</summary>
    private static ServeRequest Asked(HttpRequest http, string via, string? subject) =>
        new(via, http.HttpContext.Connection.RemoteIpAddress?.ToString(), subject);

    /// <summary>The gate request an Argo web metric sends as a query string (a GET with <c>{{args.*}}</c> in its URL).</summary>
    private static GateBody FromQuery(IQueryCollection query)
    {
        string[] known = ["pack", "model", "version", "lever", "stage", "asOf", "rollout", "telemetry", "evaluationReport", "evidence", "probe", "waivers"];
        foreach (var key in query.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)))
        {
            throw RequestRefused.BadRequest($"{Gate.Writers.Words.Printable(key)}: not a parameter the server reads; expected {string.Join(", ", known)}");
        }

        string? Get(string key) => query.TryGetValue(key, out var values) ? (values.Count == 1 ? values[0] : throw RequestRefused.BadRequest($"{key}: given {values.Count} times; give it once")) : null;
        DateTimeOffset? asOf = Get("asOf") is { } text
            ? DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? at : throw RequestRefused.BadRequest($"asOf: '{Gate.Writers.Words.Printable(text)}' is not an ISO 8601 time")
            : null;
        return new GateBody
        {
            Pack = Get("pack"), Model = Get("model"), Version = Get("version"), Lever = Get("lever"), Stage = Get("stage"), AsOf = asOf,
            Rollout = GateBody.PathValue(Get("rollout")), Telemetry = Get("telemetry"), EvaluationReport = GateBody.PathValue(Get("evaluationReport")),
            Evidence = GateBody.PathValue(Get("evidence")), Probe = GateBody.PathValue(Get("probe")), Waivers = GateBody.PathValue(Get("waivers")),
        };
    }

    /// <summary>Reads a JSON body; a body that is not the expected JSON, or too large, is refused saying so.</summary>
    private static async Task<T> Read<T>(HttpContext context, JsonSerializerOptions options, string what)
        where T : class
    {
        if (context.Request.ContentType is { Length: > 0 } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRefused(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"the body is {Gate.Writers.Words.Printable(type)}; send {what} as JSON (Content-Type: application/json)");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted)
                ?? throw RequestRefused.BadRequest($"the body is JSON null; expected {what}");
        }
        catch (JsonException e)
        {
            throw RequestRefused.BadRequest($"the body is not {what}: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new RequestRefused(e.StatusCode, "Request too large", $"the body is larger than the server accepts; name input files under the data root instead of sending them");
        }
    }

    /// <summary>Runs a handler; a refusal becomes its problem+json answer, anything unexpected a 500 — never a decision.</summary>
    private static async Task<IResult> Answer(HttpContext context, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (RequestRefused refused)
        {
            return Refuse(context, refused);
        }
        catch (BadHttpRequestException e)
        {
            return Refuse(context, new RequestRefused(e.StatusCode, "Bad request", e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger(context).LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            return Results.Problem(detail: $"{e.GetType().Name}: {e.Message}", statusCode: StatusCodes.Status500InternalServerError, title: "Internal error");
        }
    }

    private static IResult Refuse(HttpContext context, RequestRefused refused)
    {
        Logger(context).LogWarning("refused {Method} {Path} from {Remote}: {Status} {Title}: {Detail}",
            context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress, refused.Status, refused.Title, refused.Message);
        return Results.Problem(detail: refused.Message, statusCode: refused.Status, title: refused.Title);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyEngine.Serve");
}
