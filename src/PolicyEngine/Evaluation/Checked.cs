namespace PolicyEngine.Evaluation;

/// <summary>Guards figures before they are compared: NaN compares false both ways and would pass a ceiling.</summary>
internal static class Checked
{
    /// <summary>The value, or an exception (an error finding) when it is NaN.</summary>
    public static double Number(double value, string what) =>
        double.IsNaN(value) ? throw new InvalidOperationException($"{what} is NaN") : value;
}
