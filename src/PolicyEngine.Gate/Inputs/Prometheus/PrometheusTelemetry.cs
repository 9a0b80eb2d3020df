using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Inputs.Prometheus;

/// <summary>
/// Canary telemetry from a Prometheus-compatible HTTP API: instant queries at the decision time, one per
/// figure, role and slice, turned into the same <see cref="SliceMetrics"/> a telemetry file gives; and, for a
/// pack that ranks distributions, range queries whose steps are the samples. Queries run in parallel, each
/// retried on transient failures (<see cref="PrometheusHttp"/>). A query that fails is an error; an empty
/// result is a figure not measured (inconclusive, never a pass).
/// </summary>
public static class PrometheusTelemetry
{
    private static readonly string[] Roles = [.. Names.Roles.Keys];

    /// <summary>Queries the API and builds the facts.</summary>
    /// <param name="settings">The API and the templates.</param>
    /// <param name="percentiles">The latency and TTFT percentiles to query (0–100).</param>
    /// <param name="model">The release's model, for {model}.</param>
    /// <param name="at">The time to evaluate the queries at.</param>
    /// <param name="http">The client to query with.</param>
    /// <param name="samples">The distributions to sample with range queries, e.g. <see cref="Evaluation.PolicyPack.SampledMetrics"/>.</param>
    /// <param name="cancel">Stops the queries (the gate's deadline).</param>
    /// <param name="watched">The time since the canary began (<see cref="GateRequest.CanaryStart"/>: what {window} stands for); without one {window} is <see cref="PrometheusSettings.RangeSeconds"/>.</param>
    /// <exception cref="InputException">A query failed, returned more than one series, or an answer that cannot be a count, rate or duration.</exception>
    public static TelemetryFacts Load(PrometheusSettings settings, IReadOnlyList<double> percentiles, string model, DateTimeOffset at, HttpClient http,
        IReadOnlyList<Evaluation.SampleDemand>? samples = null, CancellationToken cancel = default, TimeSpan? watched = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(percentiles);
        ArgumentNullException.ThrowIfNull(http);
        var url = settings.Url!.TrimEnd('/');
        // A PromQL duration in whole seconds, at least one: counts since the canary began, for a sequential threshold.
        var window = FormattableString.Invariant($"{(long)Math.Max(1, Math.Ceiling(Math.Min(watched?.TotalSeconds ?? settings.RangeSeconds, 1e15)))}s");
        string Fill(string template, string role, string slice) =>
            template.Replace("{role}", role, StringComparison.Ordinal).Replace("{slice}", slice, StringComparison.Ordinal)
                .Replace("{selector}", settings.Selector ?? "", StringComparison.Ordinal).Replace("{model}", model, StringComparison.Ordinal)
                .Replace("{window}", window, StringComparison.Ordinal);
        IReadOnlyList<string> slices = settings.Slices is { Count: > 0 } given ? given : [Slices.All];

        // Every query the measurement can need, in a fixed order: they run in parallel, and the order keeps the
        // hash of the answers (the record's input fingerprint) and the first error reported the same from run to run.
        var plan = new List<PlannedQuery>();
        foreach (var role in Roles)
        {
            foreach (var slice in slices)
            {
                foreach (var (figure, template) in settings.Queries!.OrderBy(q => PrometheusSettings.Figures.ToList().IndexOf(q.Key)))
                {
                    foreach (var quantile in figure is "latency" or "ttft" ? percentiles.Select(p => (double?)(p / 100)) : [null])
                    {
                        var promql = Fill(template, role, slice).Replace("{quantile}", quantile?.ToString("R", CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal);
                        plan.Add(new PlannedQuery(Key(role, slice, figure, quantile), $"query '{figure}'", promql,
                            new Uri(FormattableString.Invariant($"{url}/api/v1/query?query={Uri.EscapeDataString(promql)}&time={at.ToUnixTimeMilliseconds() / 1000.0:0.###}"))));
                    }
                }
            }
        }

        var end = at.ToUnixTimeMilliseconds() / 1000.0;
        // Given the canary's start, the range reaches back to it when that lies further: each look judges the canary
        // so far, as from a telemetry file that grows, and a sequence sees every sample since its first.
        var range = Math.Max(settings.RangeSeconds, Math.Min(watched?.TotalSeconds ?? 0, 1e12));
        var demands = (samples ?? []).Select(d => (Demand: d, Figure: PrometheusSettings.SampledFigure(d.Metric)))
            .Where(d => settings.Samples?.ContainsKey(d.Figure) == true).ToList();
        foreach (var (demand, figure) in demands)
        {
            foreach (var role in Roles)
            {
                var promql = Fill(settings.Samples![figure], role, demand.Slice);
                plan.Add(new PlannedQuery($"samples|{figure}|{role}|{demand.Slice}", $"samples '{figure}'", promql, new Uri(FormattableString.Invariant(
                    $"{url}/api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={end - range:0.###}&end={end:0.###}&step={settings.StepSeconds}"))));
            }
        }

        var bodies = Fetch(plan, settings, url, http, cancel);
        var answers = plan.Select((q, i) => (q.Key, Body: bodies[i], Query: q)).ToDictionary(a => a.Key, a => (a.Body, a.Query), StringComparer.Ordinal);

        var metrics = new List<SliceMetrics>();
        foreach (var role in Roles)
        {
            foreach (var slice in slices)
            {
                double? Query(string figure, double? quantile = null)
                {
                    if (!answers.TryGetValue(Key(role, slice, figure, quantile), out var answer))
                    {
                        return null;
                    }

                    var data = Data(url, answer.Query.Field, answer.Query.PromQL, answer.Body);
                    var value = Parsed(url, answer.Query.Field, answer.Query.PromQL, () => InstantValue(url, figure, answer.Query.PromQL, data));
                    // A quantile may be +Inf (it fell in the last bucket: slower than any bucket); a count or a sum may not.
                    return double.IsInfinity(value ?? 0) && quantile is null
                        ? throw new InputException(url, $"query '{figure}' ({role}, slice {slice})", $"returned {value}; expected a finite count or sum (PromQL: {answer.Query.PromQL})")
                        : value;
                }

                if (Query("requests") is not { } requests)
                {
                    continue;
                }

                List<double>? Distribution(string figure) =>
                    settings.Queries!.ContainsKey(figure) && percentiles.Select(p => Query(figure, p / 100)).ToList() is var values && values.All(v => v is not null)
                        ? values.Select(v => v!.Value).ToList()
                        : null;

                var errors = Query("errors");
                var labeled = Query("labeled");
                var correct = Query("correct");
                var hallucinated = Query("hallucinated");
                // Judged like a telemetry file's rows: a part larger than its whole is a broken query, not a rate above 1.
                NotAbove(url, role, slice, "errors", errors, "requests", requests);
                NotAbove(url, role, slice, "labeled", labeled, "requests", requests);
                NotAbove(url, role, slice, "correct", correct, "labeled", labeled ?? 0);
                NotAbove(url, role, slice, "hallucinated", hallucinated, "labeled", labeled ?? 0);
                var group = new Group(
                    role,
                    slice == Slices.All ? null : slice,
                    slice == Slices.All,
                    (long)Math.Round(requests),
                    Distribution("latency"),
                    Distribution("ttft"),
                    requests > 0 ? errors / requests : null,
                    (long)Math.Round(labeled ?? 0),
                    labeled > 0 ? correct / labeled : null,
                    labeled > 0 ? hallucinated / labeled : null,
                    Query("latency_sum_ms") ?? 0,
                    Query("input_tokens"),
                    Query("output_tokens"),
                    Query("cost_usd"),
                    Query("gpu_seconds"),
                    0);
                metrics.Add(group.ToMetrics(percentiles));
            }
        }

        var sampled = new List<MetricSamples>();
        foreach (var (demand, figure) in demands)
        {
            foreach (var role in Roles)
            {
                var (body, query) = answers[$"samples|{figure}|{role}|{demand.Slice}"];
                sampled.Add(new MetricSamples(Names.RoleOf(role), demand.Slice, demand.Metric, RangeValues(url, query, Data(url, query.Field, query.PromQL, body))));
            }
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(bodies.Select(b => b + "\n")))));
        return new TelemetryFacts(metrics, new InputFile("prometheus", url, sha, metrics.Where(m => m.Slice == Slices.All).Sum(m => m.Requests))) { Samples = sampled };
    }

    /// <summary>One query the measurement needs: where its answer is kept, how errors name it, the PromQL and the address.</summary>
    private sealed record PlannedQuery(string Key, string Field, string PromQL, Uri Address);

    private static string Key(string role, string slice, string figure, double? quantile) =>
        string.Create(CultureInfo.InvariantCulture, $"{role}|{slice}|{figure}|{quantile:R}");

    /// <summary>
    /// Sends every query, at most <see cref="PrometheusSettings.Parallelism"/> at once, within the measurement's
    /// deadline; returns the answers in plan order. The first failure (in plan order) stops the rest and is thrown.
    /// </summary>
    private static string[] Fetch(List<PlannedQuery> plan, PrometheusSettings settings, string url, HttpClient http, CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (settings.DeadlineSeconds is { } seconds)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var bodies = new string?[plan.Count];
        var failures = new InputException?[plan.Count];
        try
        {
            Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = stop.Token }, async (i, token) =>
            {
                try
                {
                    bodies[i] = await Send(plan[i], settings, url, http, token).ConfigureAwait(false);
                }
                catch (InputException e)
                {
                    failures[i] = e;
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped by a failure (thrown below) or by a deadline (said below).
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure;
        }

        var missing = Array.FindIndex(bodies, b => b is null);
        if (missing >= 0)
        {
            var why = cancel.IsCancellationRequested
                ? "was stopped at the gate's deadline"
                : $"was stopped at the measurement's deadline of {settings.DeadlineSeconds!.Value.ToString("0.###", CultureInfo.InvariantCulture)} s (deadlineSeconds)";
            throw new InputException(url, plan[missing].Field, $"{why}; {bodies.Count(b => b is not null)} of {plan.Count} queries had answered (PromQL: {plan[missing].PromQL})");
        }

        return bodies!;
    }

    /// <summary>One query, retried on transient failures; any failure is an <see cref="InputException"/> naming it. Cancellation propagates.</summary>
    private static async Task<string> Send(PlannedQuery query, PrometheusSettings settings, string url, HttpClient http, CancellationToken token)
    {
        var retried = settings.Retries > 0 ? $" (after {settings.Retries} retries)" : "";
        using var request = PrometheusHttp.Request(settings, query.Address);
        try
        {
            using var response = await http.SendAsync(request, token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var hint = (int)response.StatusCode is 401 or 403 ? "; check bearerTokenFile or basicAuth" : (int)response.StatusCode >= 500 || (int)response.StatusCode is 408 or 429 ? retried : "";
            throw new InputException(url, query.Field, $"answered HTTP {(int)response.StatusCode}{hint}: {Trim(body)} (PromQL: {query.PromQL})");
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException && !token.IsCancellationRequested)
        {
            var what = e is Polly.Timeout.TimeoutRejectedException
                ? $"did not answer within timeoutSeconds ({settings.TimeoutSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s){retried}"
                : $"cannot be reached{retried}: {e.Message}";
            throw new InputException(url, query.Field, $"{what} (PromQL: {query.PromQL})", e);
        }
    }

    /// <summary>A range query's single series' values, NaN kept (the guardrail's NaN policy judges them); no series is no samples.</summary>
    private static List<double> RangeValues(string url, PlannedQuery query, JsonElement data) => Parsed(url, query.Field, query.PromQL, () =>
    {
        var result = data.GetProperty("result");
        var kind = data.GetProperty("resultType").GetString();
        if (kind != "matrix")
        {
            throw new InputException(url, query.Field, $"returned a {kind}; expected a range vector (PromQL: {query.PromQL})");
        }

        return result.GetArrayLength() switch
        {
            0 => [],
            1 => result[0].GetProperty("values").EnumerateArray().Select(v => Number(url, query.Field, query.PromQL, v[1].GetString())).ToList(),
            var n => throw new InputException(url, query.Field, $"returned {n} series; expected one (aggregate it, e.g. with max() or histogram_quantile over sum by (le)) (PromQL: {query.PromQL})"),
        };
    });

    private static double? InstantValue(string url, string figure, string promql, JsonElement data)
    {
        var result = data.GetProperty("result");
        var kind = data.GetProperty("resultType").GetString();
        var value = kind switch
        {
            "scalar" => result,
            "vector" when result.GetArrayLength() == 0 => default,
            "vector" when result.GetArrayLength() == 1 => result[0].GetProperty("value"),
            "vector" => throw new InputException(url, $"query '{figure}'", $"returned {result.GetArrayLength()} series; expected one (aggregate it, e.g. with sum()) (PromQL: {promql})"),
            _ => throw new InputException(url, $"query '{figure}'", $"returned a {kind}; expected an instant vector or scalar (PromQL: {promql})"),
        };
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        // NaN is what PromQL gives for 0/0: nothing was measured.
        var number = Number(url, $"query '{figure}'", promql, value[1].GetString());
        return double.IsNaN(number) ? null : number;
    }

    /// <summary>An answer's <c>data</c>; an answer that is not a successful Prometheus result is an <see cref="InputException"/> naming the query.</summary>
    private static JsonElement Data(string url, string field, string promql, string body) => Parsed(url, field, promql, () =>
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InputException(url, field, $"failed: {Trim(body)} (PromQL: {promql})");
        }

        return root.GetProperty("data").Clone();
    });

    /// <summary>Reads an answer; one that is not the shape of Prometheus' API is an error naming the query, never a raw exception.</summary>
    private static T Parsed<T>(string url, string field, string promql, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InputException(url, field, $"answered something that is not a Prometheus query result ({e.Message}) (PromQL: {promql})", e);
        }
    }

    /// <summary>A part (errors, correct answers) may not exceed its whole (requests, labeled requests).</summary>
    private static void NotAbove(string url, string role, string slice, string part, double? value, string whole, double total)
    {
        if (value > total)
        {
            throw new InputException(url, $"query '{part}' ({role}, slice {slice})",
                $"returned {value.Value.ToString("R", CultureInfo.InvariantCulture)}, more than the {total.ToString("R", CultureInfo.InvariantCulture)} of query '{whole}'; a rate above 1 is a broken query");
        }
    }

    /// <summary>A sample value as Prometheus writes it; NaN and infinities kept, a negative one refused.</summary>
    private static double Number(string url, string field, string promql, string? text)
    {
        var number = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new InputException(url, field, $"returned '{text}'; expected a number (PromQL: {promql})"),
        };

        if (number < 0)
        {
            // Counts, costs and latencies are never negative; a negative answer is a broken query, not a good figure.
            throw new InputException(url, field, $"returned {text}; expected zero or more (PromQL: {promql})");
        }

        return number;
    }

    private static string Trim(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
