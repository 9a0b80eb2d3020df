namespace PolicyEngine.Statistics;

/// <summary>The gamma function, in logarithms.</summary>
public static class Gamma
{
    /// <summary>ln Γ(<paramref name="x"/>) for x &gt; 0: Stirling's series from 15 on (its first omitted term is below 10⁻¹⁶ there), shifted up by Γ(x + 1) = x Γ(x) below.</summary>
    public static double Log(double x)
    {
        if (!(x > 0 && !double.IsPositiveInfinity(x)))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "expected a positive, finite number");
        }

        var shift = 0.0;
        for (; x < 15; x++)
        {
            shift += Math.Log(x);
        }

        var inverse = 1 / x;
        var square = inverse * inverse;
        var series = inverse * ((1.0 / 12) - (square * ((1.0 / 360) - (square * ((1.0 / 1260) - (square * ((1.0 / 1680) - (square / 1188))))))));
        return ((x - 0.5) * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI)) + series - shift;
    }
}
