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
/// pack that ranks distributions, range queries whose steps are the samples. A query that fails is an error;
/// an empty result is a figure not measured (inconclusive, never a pass).
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
    /// <exception cref="InputException">A query failed, returned more than one series, or an answer that cannot be a count, rate or duration.</exception>
    public static TelemetryFacts Load(PrometheusSettings settings, IReadOnlyList<double> percentiles, string model, DateTimeOffset at, HttpClient http,
        IReadOnlyList<Evaluation.SampleDemand>? samples = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(percentiles);
        ArgumentNullException.ThrowIfNull(http);
        var url = settings.Url!.TrimEnd('/');
        var responses = new StringBuilder();
        var metrics = new List<SliceMetrics>();
        var sampled = new List<MetricSamples>();
        string Fill(string template, string role, string slice) =>
            template.Replace("{role}", role, StringComparison.Ordinal).Replace("{slice}", slice, StringComparison.Ordinal)
                .Replace("{selector}", settings.Selector ?? "", StringComparison.Ordinal).Replace("{model}", model, StringComparison.Ordinal);
        foreach (var role in Roles)
        {
            foreach (var slice in settings.Slices is { Count: > 0 } slices ? slices : [Slices.All])
            {
                double? Query(string figure, double? quantile = null)
                {
                    if (settings.Queries!.GetValueOrDefault(figure) is not { } template)
                    {
                        return null;
                    }

                    var promql = Fill(template, role, slice).Replace("{quantile}", quantile?.ToString("R", CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal);
                    var value = Instant(http, url, figure, promql, at, responses, cancel);
                    // A quantile may be +Inf (it fell in the last bucket: slower than any bucket); a count or a sum may not.
                    return double.IsInfinity(value ?? 0) && quantile is null
                        ? throw new InputException(url, $"query '{figure}' ({role}, slice {slice})", $"returned {value}; expected a finite count or sum (PromQL: {promql})")
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
                    0);
                metrics.Add(group.ToMetrics(percentiles));
            }
        }

        foreach (var demand in samples ?? [])
        {
            var figure = demand.Metric == SampledMetric.Latency ? "latency" : "ttft";
            if (settings.Samples?.GetValueOrDefault(figure) is not { } template)
            {
                continue;
            }

            foreach (var role in Roles)
            {
                var values = Range(http, url, figure, Fill(template, role, demand.Slice), at, settings, responses, cancel);
                sampled.Add(new MetricSamples(Names.RoleOf(role), demand.Slice, demand.Metric, values));
            }
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(responses.ToString())));
        return new TelemetryFacts(metrics, new InputFile("prometheus", url, sha, metrics.Where(m => m.Slice == Slices.All).Sum(m => m.Requests))) { Samples = sampled };
    }

    /// <summary>
    /// One range query over the last <see cref="PrometheusSettings.RangeSeconds"/>: its single series' values,
    /// NaN kept (the guardrail's NaN policy judges them); no series is no samples.
    /// </summary>
    private static List<double> Range(HttpClient http, string url, string figure, string promql, DateTimeOffset at, PrometheusSettings settings, StringBuilder responses, CancellationToken cancel)
    {
        var end = at.ToUnixTimeMilliseconds() / 1000.0;
        var address = FormattableString.Invariant(
            $"{url}/api/v1/query_range?query={Uri.EscapeDataString(promql)}&start={end - settings.RangeSeconds:0.###}&end={end:0.###}&step={settings.StepSeconds}");
        var field = $"samples '{figure}'";
        var data = Get(http, url, field, promql, address, responses, cancel);
        return Parsed(url, field, promql, () =>
        {
            var result = data.GetProperty("result");
            var kind = data.GetProperty("resultType").GetString();
            if (kind != "matrix")
            {
                throw new InputException(url, field, $"returned a {kind}; expected a range vector (PromQL: {promql})");
            }

            return result.GetArrayLength() switch
            {
                0 => [],
                1 => result[0].GetProperty("values").EnumerateArray().Select(v => Number(url, field, promql, v[1].GetString())).ToList(),
                var n => throw new InputException(url, field, $"returned {n} series; expected one (aggregate it, e.g. with max() or histogram_quantile over sum by (le)) (PromQL: {promql})"),
            };
        });
    }

    /// <summary>One instant query: its single value, or null for an empty result or NaN.</summary>
    private static double? Instant(HttpClient http, string url, string figure, string promql, DateTimeOffset at, StringBuilder responses, CancellationToken cancel)
    {
        var address = FormattableString.Invariant($"{url}/api/v1/query?query={Uri.EscapeDataString(promql)}&time={at.ToUnixTimeMilliseconds() / 1000.0:0.###}");
        var field = $"query '{figure}'";
        var data = Get(http, url, field, promql, address, responses, cancel);
        return Parsed(url, field, promql, () => InstantValue(url, figure, promql, data));
    }

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

    /// <summary>Sends a query and returns its <c>data</c>; a failure of any kind is an <see cref="InputException"/> naming the query.</summary>
    private static JsonElement Get(HttpClient http, string url, string field, string promql, string address, StringBuilder responses, CancellationToken cancel)
    {
        string body;
        try
        {
            using var response = http.GetAsync(new Uri(address), cancel).GetAwaiter().GetResult();
            body = response.Content.ReadAsStringAsync(cancel).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new InputException(url, field, $"answered HTTP {(int)response.StatusCode}: {Trim(body)} (PromQL: {promql})");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            var why = cancel.IsCancellationRequested ? "was stopped at the gate's deadline" : $"cannot be reached: {e.Message}";
            throw new InputException(url, field, $"{why} (PromQL: {promql})", e);
        }

        responses.Append(body).Append('\n');
        return Parsed(url, field, promql, () =>
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                throw new InputException(url, field, $"failed: {Trim(body)} (PromQL: {promql})");
            }

            return root.GetProperty("data").Clone();
        });
    }

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
