namespace PolicyEngine.Statistics;

/// <summary>
/// Time-uniform confidence sequences for the difference between two arms (docs/canary.md, "Anytime-valid judges"):
/// bounds that hold at every look at once, so a watch may look as often as it likes without inflating its error.
/// The estimate θ̂ = m̂₁ − m̂₂ of two independent means has variance V = σ₁²/n₁ + σ₂²/n₂; in information time I = 1/V
/// the scaled error S = (θ̂ − θ)·I behaves as a Brownian motion, and Robbins' one-sided normal mixture bounds it at
/// every I at once (Howard, Ramdas, McAuliffe and Sekhon 2021, "Time-uniform, nonparametric, nonasymptotic confidence
/// sequences", the one-sided normal mixture; the two-sided one is behind Johari, Pekelis and Walsh's always-valid A/B
/// tests): with probability at least 1 − α, S stays below the s where ½ ln(4ρ/(I + ρ)) + s²/(2(I + ρ)) +
/// ln Φ(s/√(I + ρ)) = ln(1/α), at every look at once. Each bound is such a one-sided bound: the lower one holds with
/// 1 − α, and so does the upper one — each of a canary's two decisions (roll back: the lower bound past the limit;
/// promote: the upper bound within it) errs with at most α. With sample variances for σ² the sequence is
/// asymptotically valid (Waudby-Smith et al. 2023, "Time-uniform central limit theory").
/// </summary>
public static class ConfidenceSequence
{
    /// <summary>The observations an arm the boundary is tuned for: it is tightest when both arms hold this many (any tuning keeps it valid).</summary>
    public const double TunedFor = 250;

    /// <summary>The radius of an estimate with variance <paramref name="variance"/>, one-sided at <paramref name="alpha"/>, tightest at information <paramref name="rho"/>.</summary>
    /// <param name="variance">The estimate's variance V (its information is 1/V).</param>
    /// <param name="rho">The mixture's tuning, as information: the boundary is tightest where 1/V = ρ.</param>
    /// <param name="alpha">The chance that the sequence ever misses on one side, over all looks together.</param>
    public static double Radius(double variance, double rho, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(variance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rho);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "expected a number between 0 and 1");
        }

        var v = 1 / variance;
        var threshold = Math.Log(1 / alpha);
        double Excess(double s) => (0.5 * Math.Log(4 * rho / (v + rho))) + (s * s / (2 * (v + rho))) + Math.Log(Normal.Cdf(s / Math.Sqrt(v + rho))) - threshold;
        // The mixture grows with s: below at s = 0, above at the two-sided boundary (there it exceeds the threshold by
        // ln 2Φ > 0). Bisect between them to the last bit.
        double low = 0, high = Math.Sqrt((v + rho) * (Math.Log((v + rho) / rho) + (2 * threshold)));
        for (var i = 0; i < 200 && high - low > high * 1e-15; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = Excess(middle) < 0 ? (middle, high) : (low, middle);
        }

        // Φ comes from an erfc good to 1.2e-7 relative (Normal.Erfc), which moves the root by less than that: widening by
        // as much keeps the bound on the safe side of the exact one.
        return high / v * (1 + 1.2e-7);
    }

    /// <summary>Bounds on the candidate's mean minus the baseline's, each at one-sided <paramref name="alpha"/>, tuned for <see cref="TunedFor"/> observations an arm.</summary>
    public static Bounds Difference(Arm candidate, Arm baseline, double alpha)
    {
        if (candidate.Count <= 0 || baseline.Count <= 0)
        {
            return Bounds.Everything;
        }

        var variance = (candidate.Variance / candidate.Count) + (baseline.Variance / baseline.Count);
        var rho = TunedFor / (candidate.Variance + baseline.Variance);
        var radius = Radius(variance, rho, alpha);
        var estimate = candidate.Mean - baseline.Mean;
        return new Bounds(estimate - radius, estimate + radius);
    }

    /// <summary>
    /// Bounds on one arm's rate from <paramref name="events"/> of <paramref name="trials"/> outcomes, each at one-sided
    /// <paramref name="alpha"/> over every look at once, exactly (no normal approximation, whatever the rate): the
    /// rates a <see cref="BetaBinomialMixture"/> on the events (for the lower bound) or on the non-events (for the
    /// upper) has not ruled out. A rate is ruled out once the mixture tuned to it crosses; the bounds are found by
    /// halving, each kept on the side that is ruled out (wider, never narrower, than the exact one). Beyond
    /// <see cref="BetaBinomialMixture.MostTrials"/> trials no rate is ruled out: the bounds are 0 and 1. The mixtures
    /// are tightest near <paramref name="tunedFor"/> trials.
    /// </summary>
    public static Bounds Rate(long events, long trials, double alpha, double tunedFor = TunedFor)
    {
        BetaBinomialMixture.CheckTuning(tunedFor, nameof(tunedFor));
        if (trials < 0 || events < 0 || events > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(events), $"{events} events in {trials} trials");
        }

        if (trials == 0)
        {
            return new Bounds(0, 1);
        }

        var observed = events / (double)trials;
        // Rates this close to 0 or 1 are not tried: a bound that would lie beyond them is taken as 0 or 1.
        const double edge = 1e-15;
        bool TooHighFor(double rate) => new BetaBinomialMixture(rate, tunedFor).Crosses(events, trials, alpha);
        bool TooLowFor(double rate) => new BetaBinomialMixture(1 - rate, tunedFor).Crosses(trials - events, trials, alpha);
        // Halving toward the observed rate stops at the edge too: a rate nearer 0 or 1 is no probability the mixture
        // can take (1 − 10⁻¹⁹ is 1), and a bound halved toward the edge is kept on its ruled-out side, so only wider.
        var lower = events == 0 || !TooHighFor(edge) ? 0 : Halve(edge, Math.Min(observed, 1 - edge), TooHighFor);
        var upper = events == trials || !TooLowFor(1 - edge) ? 1 : Halve(1 - edge, Math.Max(observed, edge), TooLowFor);
        return new Bounds(lower, upper);

        // Between a rate ruled out and one that is not, the last ruled-out rate found.
        static double Halve(double ruledOut, double not, Func<double, bool> rules)
        {
            for (var i = 0; i < 100 && Math.Abs(ruledOut - not) > 1e-15 * Math.Max(ruledOut, not); i++)
            {
                var middle = (ruledOut + not) / 2;
                (ruledOut, not) = rules(middle) ? (middle, not) : (ruledOut, middle);
            }

            return ruledOut;
        }
    }

    /// <summary>
    /// Bounds on one arm's <paramref name="percentile"/> (0–100) from its <paramref name="sorted"/> observations, each
    /// at one-sided <paramref name="alpha"/> over every look at once (Howard and Ramdas 2022, "Sequential estimation
    /// of quantiles"): each observation falls below the true p-th percentile with probability at most p, and above it
    /// with probability at most 1 − p, so a <see cref="BetaBinomialMixture"/> on each count bounds how many observations
    /// can lie on either side — exactly, from the first observation, whatever the distribution. The percentile lies at
    /// or below the order statistic one past the most that can lie below it, and at or above the one that leaves the
    /// most that can lie above it. A bound the data cannot give yet is infinite. The mixtures are tightest near
    /// <paramref name="tunedFor"/> observations.
    /// </summary>
    public static Bounds Percentile(IReadOnlyList<double> sorted, double percentile, double alpha, double tunedFor = TunedFor)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        BetaBinomialMixture.CheckTuning(tunedFor, nameof(tunedFor));
        if (!(percentile > 0 && percentile < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "expected a percentile between 0 and 100");
        }

        var n = sorted.Count;
        if (n == 0)
        {
            return Bounds.Everything;
        }

        var p = percentile / 100;
        // Fewer than `below` observations lie strictly below the percentile, fewer than `above` strictly above it.
        var below = new BetaBinomialMixture(p, tunedFor).FirstCrossing(n, alpha);
        var above = new BetaBinomialMixture(1 - p, tunedFor).FirstCrossing(n, alpha);
        var upper = below <= n ? sorted[(int)below - 1] : double.PositiveInfinity;
        var lower = above <= n ? sorted[n - (int)above] : double.NegativeInfinity;
        return new Bounds(lower, upper);
    }
}

/// <summary>One arm of a comparison: the mean of its observations, the variance of one observation, how many.</summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="Variance">One observation's variance (positive).</param>
/// <param name="Count">How many observations.</param>
public readonly record struct Arm(double Mean, double Variance, long Count)
{
    /// <summary>
    /// <paramref name="successes"/> of <paramref name="n"/> outcomes: the rate, with the variance of the rate shrunk
    /// toward one half by one success and one failure, so no run of zeros makes it vanish.
    /// </summary>
    public static Arm Rate(long successes, long n)
    {
        var shrunk = Shrunk(successes, n);
        return new Arm(n > 0 ? successes / (double)n : 0, shrunk * (1 - shrunk), n);
    }

    /// <summary>
    /// The logarithm of a rate, for relative changes: the mean is ln p̃ of the shrunk rate, the variance per outcome
    /// (1 − p̃)/p̃ — the delta method's, so Var(ln p̂) ≈ (1 − p)/(n p).
    /// </summary>
    public static Arm LogRate(long successes, long n)
    {
        var shrunk = Shrunk(successes, n);
        return new Arm(Math.Log(shrunk), (1 - shrunk) / shrunk, n);
    }

    /// <summary>
    /// The logarithm of a positive mean, for relative changes: ln m, with the variance per observation σ²/m² — the
    /// delta method's, so Var(ln m̂) ≈ σ²/(n m²).
    /// </summary>
    public static Arm LogMean(Arm arm) =>
        arm.Mean > 0 ? new Arm(Math.Log(arm.Mean), arm.Variance / (arm.Mean * arm.Mean), arm.Count)
        : throw new ArgumentOutOfRangeException(nameof(arm), arm.Mean, "the logarithm of a mean needs a positive mean");

    /// <summary>The mean and sample variance of <paramref name="values"/>; a floor keeps a run of identical values from claiming certainty.</summary>
    public static Arm Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            throw new ArgumentException($"{values.Count} observations; a variance needs at least two", nameof(values));
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new Arm(mean, Math.Max(variance, 1e-6), values.Count);
    }

    private static double Shrunk(long successes, long n) => (successes + 1.0) / (n + 2.0);
}

/// <summary>A confidence sequence's bounds at one look.</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public readonly record struct Bounds(double Lower, double Upper)
{
    /// <summary>Bounds that say nothing.</summary>
    public static Bounds Everything => new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The bounds of −x.</summary>
    public Bounds Negated => new(-Upper, -Lower);

    /// <summary>Bounds on a log ratio as bounds on the relative change: e^x − 1.</summary>
    public Bounds AsRelativeChange => new(Math.Exp(Lower) - 1, Math.Exp(Upper) - 1);

    /// <summary>"[lower, upper]". The record's own text would print <see cref="Negated"/>, whose text prints its own, without end.</summary>
    public override string ToString() => FormattableString.Invariant($"[{Lower:R}, {Upper:R}]");
}
