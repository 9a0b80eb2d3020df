namespace PolicyEngine;

/// <summary>A distribution's percentiles, by percentile (0–100), interpolated linearly between closest ranks.</summary>
public sealed class Percentiles
{
    private readonly Dictionary<double, double> _values;

    /// <summary>Creates the set from percentile–value pairs.</summary>
    public Percentiles(IEnumerable<KeyValuePair<double, double>> values) => _values = new(values);

    /// <summary>No percentiles: the measure was not recorded.</summary>
    public static Percentiles None { get; } = new([]);

    /// <summary>The percentiles held, in ascending order.</summary>
    public IEnumerable<double> Keys => _values.Keys.Order();

    /// <summary>The value at a percentile, or null when it was not computed.</summary>
    public double? At(double percentile) => _values.TryGetValue(percentile, out var value) ? value : null;
}
