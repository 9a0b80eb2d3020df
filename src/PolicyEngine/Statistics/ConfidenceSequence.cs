namespace PolicyEngine.Statistics;

/// <summary>
/// Time-uniform confidence sequences (docs/canary.md, "Anytime-valid judges"): bounds that hold at every look at
/// once, so a watch may look as often as it likes without inflating its error. The radius is Robbins' normal
/// mixture for a sum of n observations, each with variance (proxy) σ² — Howard, Ramdas, McAuliffe and Sekhon
/// (2021), "Time-uniform, nonparametric, nonasymptotic confidence sequences": with probability at least 1 − α,
/// for every n, |Sₙ − nμ| ≤ √((nσ² + ρ)(ln((nσ² + ρ)/ρ) + 2 ln(2/α))). Given the sample variance in place of σ²,
/// the sequence is asymptotically valid (Waudby-Smith et al. 2023, "Time-uniform central limit theory").
/// </summary>
public static class ConfidenceSequence
{
    /// <summary>ρ as a number of observations: the boundary is tightest near this many (any ρ &gt; 0 keeps it valid).</summary>
    public const double TunedFor = 250;

    /// <summary>The radius of the sum of <paramref name="n"/> observations with variance <paramref name="variance"/> each, two-sided at <paramref name="alpha"/>.</summary>
    public static double Radius(double n, double variance, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(variance);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "expected a number between 0 and 1");
        }

        var rho = variance * TunedFor;
        var v = n * variance;
        return Math.Sqrt((v + rho) * (Math.Log((v + rho) / rho) + (2 * Math.Log(2 / alpha))));
    }

    /// <summary>A mean's sequence: the sample mean ± the radius over n.</summary>
    public static Bounds Mean(double mean, double variance, long n, double alpha) =>
        n <= 0 ? Bounds.Everything : new Bounds(mean - (Radius(n, variance, alpha) / n), mean + (Radius(n, variance, alpha) / n));

    /// <summary>
    /// A rate's sequence from <paramref name="successes"/> of <paramref name="n"/>, clipped to [0, 1]. The variance is
    /// that of the rate shrunk toward one half by one success and one failure, so no run of zeros makes it vanish.
    /// </summary>
    public static Bounds Rate(long successes, long n, double alpha)
    {
        if (n <= 0)
        {
            return new Bounds(0, 1);
        }

        var shrunk = (successes + 1.0) / (n + 2.0);
        var bounds = Mean(successes / (double)n, shrunk * (1 - shrunk), n, alpha);
        return new Bounds(Math.Max(0, bounds.Lower), Math.Min(1, bounds.Upper));
    }
}

/// <summary>A confidence sequence's bounds at one look.</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public readonly record struct Bounds(double Lower, double Upper)
{
    /// <summary>Bounds that say nothing.</summary>
    public static Bounds Everything => new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The bounds of a − b, from those of a and b.</summary>
    public static Bounds Difference(Bounds a, Bounds b) => new(a.Lower - b.Upper, a.Upper - b.Lower);

    /// <summary>The bounds of a ÷ b − 1 for positive quantities, from those of a and b (unbounded above when b may be 0).</summary>
    public static Bounds RelativeChange(Bounds a, Bounds b) =>
        new(b.Upper > 0 ? (Math.Max(0, a.Lower) / b.Upper) - 1 : -1, b.Lower > 0 ? (a.Upper / b.Lower) - 1 : double.PositiveInfinity);

    /// <summary>The bounds of −x.</summary>
    public Bounds Negated => new(-Upper, -Lower);
}
