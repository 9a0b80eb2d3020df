using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>One row of the telemetry aggregation: the sums and shares of one role on one slice (or overall).</summary>
internal sealed record Group(
    string Role,
    string? SliceKey,
    bool Overall,
    long Requests,
    List<double>? Latency,
    List<double>? Ttft,
    double? ErrorRate,
    long Labeled,
    double? Accuracy,
    double? HallucinationRate,
    double LatencySum,
    double? InputTokens,
    double? OutputTokens,
    double? Cost,
    double? GpuSeconds,
    long Violations)
{
    /// <summary>Rows with a confidence and a label: what <see cref="CalibrationError"/> rests on.</summary>
    public long Calibrated { get; init; }

    /// <summary>Expected calibration error over those rows, or null.</summary>
    public double? CalibrationError { get; init; }

    /// <summary>The fact, with the derived figures of docs/inputs.md.</summary>
    public SliceMetrics ToMetrics(IReadOnlyList<double> percentiles)
    {
        var accuracy = Labeled > 0 ? Accuracy : null;
        var costPerRequest = Cost / Requests;
        return new SliceMetrics
        {
            Role = Names.RoleOf(Role),
            Slice = Overall ? Slices.All : SliceKey!,
            Requests = Requests,
            Latency = Distribution(percentiles, Latency),
            Ttft = Distribution(percentiles, Ttft),
            ErrorRate = ErrorRate,
            LabeledRequests = Labeled,
            Accuracy = accuracy,
            HallucinationRate = HallucinationRate,
            TokensPerSecond = OutputTokens is { } output && LatencySum > 0 ? output / (LatencySum / 1000) : null,
            UsdPer1MTokens = Cost is { } cost && InputTokens + OutputTokens is { } tokens && tokens > 0 ? cost / tokens * 1_000_000 : null,
            UsdPer1kRequests = costPerRequest * 1000,
            // No correct answer at any price: infinitely expensive, so every ceiling fails.
            UsdPerCorrectAnswer = costPerRequest is { } perRequest && accuracy is { } share ? (share > 0 ? perRequest / share : double.PositiveInfinity) : null,
            CalibratedRequests = Calibrated,
            CalibrationError = Calibrated > 0 ? CalibrationError : null,
            // Every row's GPU time and output tokens, as for cost: a partial sum would overstate or understate.
            TokensPerGpuSecond = OutputTokens is { } generated && GpuSeconds is { } gpu && gpu > 0 ? generated / gpu : null,
        };
    }

    private static Percentiles Distribution(IReadOnlyList<double> percentiles, List<double>? values) =>
        values is null ? Percentiles.None : new Percentiles(percentiles.Zip(values, KeyValuePair.Create));
}
