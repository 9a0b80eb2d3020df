namespace PolicyEngine.Probe;

/// <summary>Percentiles of timed runs, interpolated linearly between closest ranks like the telemetry's.</summary>
public static class Latencies
{
    /// <summary>The <paramref name="percentile"/> (0–100) of <paramref name="sorted"/>, which is ascending and not empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no timings", nameof(sorted));
        }

        var rank = (sorted.Count - 1) * percentile / 100;
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
