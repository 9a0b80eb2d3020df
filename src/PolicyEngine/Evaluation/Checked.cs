namespace PolicyEngine.Evaluation;

/// <summary>Guards figures before they are compared: NaN compares false both ways and would pass a ceiling.</summary>
internal static class Checked
{
    /// <summary>The value, or an exception (an error finding) when it is NaN.</summary>
    public static double Number(double value, string what) =>
        double.IsNaN(value) ? throw new InvalidOperationException($"{what} is NaN") : value;

    /// <summary>The value, or an exception (an error finding) when it is not a share between 0 and 1.</summary>
    public static double Rate(double value, string what) =>
        value is >= 0 and <= 1 ? value : throw new InvalidOperationException($"{what} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; expected a rate between 0 and 1");
}
