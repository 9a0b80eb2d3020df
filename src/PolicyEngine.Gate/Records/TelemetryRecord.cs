using System.Globalization;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// One role's telemetry on one slice as a decision record keeps it: the statistics the guardrails were judged
/// on, for auditors and for later decisions that compare with this one (<see cref="DecisionHistory"/>).
/// </summary>
public sealed record TelemetryRecord
{
    /// <summary>Whose telemetry.</summary>
    public required Role Role { get; init; }

    /// <summary>The slice, <c>all</c> for the whole.</summary>
    public required string Slice { get; init; }

    /// <summary>Requests seen.</summary>
    public required long Requests { get; init; }

    /// <summary>Request latency percentiles in milliseconds, keyed by percentile (<c>"95"</c>).</summary>
    public IReadOnlyDictionary<string, double>? LatencyMs { get; init; }

    /// <summary>Time-to-first-token percentiles in milliseconds, keyed by percentile.</summary>
    public IReadOnlyDictionary<string, double>? TtftMs { get; init; }

    /// <summary>Share of requests that errored.</summary>
    public double? ErrorRate { get; init; }

    /// <summary>Requests with a correctness label.</summary>
    public long LabeledRequests { get; init; }

    /// <summary>Share of labeled requests answered correctly.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Share of labeled requests with a hallucination.</summary>
    public double? HallucinationRate { get; init; }

    /// <summary>Output tokens per second of request latency.</summary>
    public double? TokensPerSecond { get; init; }

    /// <summary>USD per one million tokens.</summary>
    public double? UsdPer1MTokens { get; init; }

    /// <summary>USD per one thousand requests.</summary>
    public double? UsdPer1kRequests { get; init; }

    /// <summary>USD per correct answer.</summary>
    public double? UsdPerCorrectAnswer { get; init; }

    /// <summary>The record of a fact.</summary>
    public static TelemetryRecord From(SliceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new TelemetryRecord
        {
            Role = metrics.Role,
            Slice = metrics.Slice,
            Requests = metrics.Requests,
            LatencyMs = Keyed(metrics.Latency),
            TtftMs = Keyed(metrics.Ttft),
            ErrorRate = metrics.ErrorRate,
            LabeledRequests = metrics.LabeledRequests,
            Accuracy = metrics.Accuracy,
            HallucinationRate = metrics.HallucinationRate,
            TokensPerSecond = metrics.TokensPerSecond,
            UsdPer1MTokens = metrics.UsdPer1MTokens,
            UsdPer1kRequests = metrics.UsdPer1kRequests,
            UsdPerCorrectAnswer = metrics.UsdPerCorrectAnswer,
        };
    }

    /// <summary>The fact again, as the guardrails read it.</summary>
    public SliceMetrics ToMetrics() => new()
    {
        Role = Role,
        Slice = Slice,
        Requests = Requests,
        Latency = Unkeyed(LatencyMs),
        Ttft = Unkeyed(TtftMs),
        ErrorRate = ErrorRate,
        LabeledRequests = LabeledRequests,
        Accuracy = Accuracy,
        HallucinationRate = HallucinationRate,
        TokensPerSecond = TokensPerSecond,
        UsdPer1MTokens = UsdPer1MTokens,
        UsdPer1kRequests = UsdPer1kRequests,
        UsdPerCorrectAnswer = UsdPerCorrectAnswer,
    };

    private static Dictionary<string, double>? Keyed(Percentiles percentiles) =>
        percentiles.Keys.Any() ? percentiles.Keys.ToDictionary(p => p.ToString("R", CultureInfo.InvariantCulture), p => percentiles.At(p)!.Value) : null;

    private static Percentiles Unkeyed(IReadOnlyDictionary<string, double>? values) =>
        values is null
            ? Percentiles.None
            : new Percentiles(values.Select(v => KeyValuePair.Create(double.Parse(v.Key, NumberStyles.Float, CultureInfo.InvariantCulture), v.Value)));
}
