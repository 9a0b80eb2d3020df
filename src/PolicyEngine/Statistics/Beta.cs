namespace PolicyEngine.Statistics;

/// <summary>
/// The beta function and its incomplete form, in logarithms (the beta-binomial mixture's values overflow a double
/// long before its samples run out).
/// </summary>
public static class Beta
{
    /// <summary>ln B(<paramref name="a"/>, <paramref name="b"/>) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b &gt; 0.</summary>
    public static double Log(double a, double b) => Gamma.Log(a) + Gamma.Log(b) - Gamma.Log(a + b);

    /// <summary>
    /// ln B_x(<paramref name="a"/>, <paramref name="b"/>) = ln ∫₀ˣ t^(a−1) (1 − t)^(b−1) dt, for a, b &gt; 0 and
    /// 0 &lt; x ≤ 1: by the continued fraction of the regularized form (DLMF 8.17.22) where it converges fast
    /// (x below the mean, about (a + 1)/(a + b + 2)), else by B(a, b) − B_(1−x)(b, a).
    /// </summary>
    public static double LogIncomplete(double a, double b, double x)
    {
        if (!(a > 0 && b > 0 && !double.IsPositiveInfinity(a) && !double.IsPositiveInfinity(b)))
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"a = {a}, b = {b}: expected positive, finite parameters");
        }

        if (!(x > 0 && x <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "expected 0 < x ≤ 1");
        }

        if (x == 1)
        {
            return Log(a, b);
        }

        if (x < (a + 1) / (a + b + 2))
        {
            return (a * Math.Log(x)) + (b * Math.Log(1 - x)) - Math.Log(a) + Math.Log(ContinuedFraction(a, b, x));
        }

        // The complement is the smaller part here (at most about a half), so subtracting it loses no digits.
        var complement = (b * Math.Log(1 - x)) + (a * Math.Log(x)) - Math.Log(b) + Math.Log(ContinuedFraction(b, a, 1 - x));
        var whole = Log(a, b);
        return whole + LogOneMinusExp(complement - whole);
    }

    /// <summary>
    /// ln(1 − eᵗ) for t &lt; 0, to the last digits near both ends (Mächler's split at −ln 2; the log1p and expm1 inside
    /// by Kahan's correction, as .NET's own are computed as ln(1 + x) and eˣ − 1).
    /// </summary>
    private static double LogOneMinusExp(double t)
    {
        if (t > -Math.Log(2))
        {
            var u = Math.Exp(t);
            var expm1 = u == 1 ? t : (u - 1) * t / Math.Log(u);
            return Math.Log(-expm1);
        }

        var x = -Math.Exp(t);
        var v = 1 + x;
        return v == 1 ? x : Math.Log(v) * x / (v - 1);
    }

    /// <summary>
    /// The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) with d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)) and
    /// d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m)), evaluated forward by the modified Lentz method.
    /// </summary>
    private static double ContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double Guard(double v) => Math.Abs(v) < tiny ? tiny : v;

        var c = 1.0;
        var d = 1 / Guard(1 - ((a + b) * x / (a + 1)));
        var result = d;
        // It converges in about √max(a, b) steps where it is used; the cap only stops a runaway.
        var steps = 1000 + (int)Math.Min(1e7, 20 * Math.Sqrt(Math.Max(a, b)));
        for (var m = 1; m <= steps; m++)
        {
            var even = m * (b - m) * x / ((a + (2 * m) - 1) * (a + (2 * m)));
            d = 1 / Guard(1 + (even * d));
            c = Guard(1 + (even / c));
            result *= d * c;

            var odd = -(a + m) * (a + b + m) * x / ((a + (2 * m)) * (a + (2 * m) + 1));
            d = 1 / Guard(1 + (odd * d));
            c = Guard(1 + (odd / c));
            var step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < 1e-15)
            {
                return result;
            }
        }

        throw new ArithmeticException($"the incomplete beta's continued fraction did not converge (a = {a}, b = {b}, x = {x})");
    }
}
