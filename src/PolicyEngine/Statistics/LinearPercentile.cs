namespace PolicyEngine.Statistics;

/// <summary>
/// A percentile interpolated linearly between closest ranks — numpy's default and DuckDB's <c>quantile_cont</c>:
/// how the telemetry's, the probe's and the history's percentiles are all computed.
/// </summary>
public static class LinearPercentile
{
    /// <summary>The <paramref name="percentile"/> (0–100) of <paramref name="sorted"/>, which is ascending and not empty.</summary>
    /// <exception cref="ArgumentException">There are no values.</exception>
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no values", nameof(sorted));
        }

        var rank = (sorted.Count - 1) * percentile / 100;
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }
}
