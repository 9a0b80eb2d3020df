namespace PolicyEngine.Statistics;

/// <summary>
/// Robbins' one-sided beta-binomial mixture for a count of successes among independent trials that each succeed
/// with probability at most <c>p</c> (Howard, Ramdas, McAuliffe and Sekhon 2021, the sub-Bernoulli mixture; the
/// bound Howard and Ramdas 2022 put on quantiles). The likelihood ratio of a success probability q against p, mixed
/// over q &gt; p with a beta prior, is a nonnegative martingale while the trials succeed with probability p (and a
/// supermartingale below p), so by Ville's inequality it ever reaches 1/α with probability at most α — at every
/// count of trials at once, exactly, from the first trial: no normal approximation.
/// </summary>
/// <remarks>
/// In the parametrisation of the sub-Bernoulli bound (increments h = 1 − p on a success, −g = −p on a failure,
/// s = k − np, v = p(1 − p)n): the prior on the failure probability is Beta(r/g, r/h) cut to [0, 1 − p], so
/// M = B₍₁₋ₚ₎(r/g + n − k, r/h + k) / (B₍₁₋ₚ₎(r/g, r/h) pᵏ (1 − p)ⁿ⁻ᵏ). r is the tuning: r = (m − 1)p(1 − p) makes the
/// bound tightest near m trials, as the normal mixture of <see cref="ConfidenceSequence"/> is at ρ.
/// </remarks>
public sealed class BetaBinomialMixture
{
    // The crossing is taken with the mixture this much (in logarithms) past 1/α, besides what Log allows for
    // rounding: a crossing found late only widens the bound.
    private const double Margin = 1e-7;

    // A double's spacing at 1 (2⁻⁵²).
    private const double Unit = 2.220446049250313e-16;

    /// <summary>
    /// The most trials the mixture is evaluated at: beyond ten trillion, its incomplete beta takes tens of millions of
    /// steps and rounding takes more than a unit off its logarithm, so <see cref="Log"/> is −∞ there (no evidence).
    /// </summary>
    public const long MostTrials = 10_000_000_000_000;

    private readonly double _p;
    private readonly double _priorFailures;
    private readonly double _priorSuccesses;
    private readonly double _normalizer;

    /// <summary>The mixture for trials that succeed with probability <paramref name="p"/>, tuned to be tightest near <paramref name="tunedFor"/> trials.</summary>
    public BetaBinomialMixture(double p, double tunedFor)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "expected a probability strictly between 0 and 1");
        }

        CheckTuning(tunedFor, nameof(tunedFor));
        var r = (tunedFor - 1) * p * (1 - p);
        _p = p;
        _priorFailures = r / p;
        _priorSuccesses = r / (1 - p);
        _normalizer = Beta.LogIncomplete(_priorFailures, _priorSuccesses, 1 - p);
    }

    /// <summary>Refuses a tuning no mixture can take: a finite number of trials above 1.</summary>
    internal static void CheckTuning(double tunedFor, string name)
    {
        if (!(tunedFor > 1 && !double.IsPositiveInfinity(tunedFor)))
        {
            throw new ArgumentOutOfRangeException(name, tunedFor, "expected a finite number of trials above 1");
        }
    }

    /// <summary>
    /// ln M after <paramref name="successes"/> successes in <paramref name="trials"/> trials, less what rounding can
    /// have added to it (so never above the exact value: every bound from it is wider, never narrower); −∞ beyond
    /// <see cref="MostTrials"/>.
    /// </summary>
    public double Log(long successes, long trials)
    {
        if (trials < 0 || successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), $"{successes} successes in {trials} trials");
        }

        if (trials > MostTrials)
        {
            return double.NegativeInfinity;
        }

        var failures = trials - successes;
        double a = _priorFailures + failures, b = _priorSuccesses + successes;
        var value = Beta.LogIncomplete(a, b, 1 - _p) - _normalizer - (successes * Math.Log(_p)) - (failures * Math.Log(1 - _p));
        // Terms of about (a + b) ln(a + b) and n ln(1/p) cancel to a few units, keeping their rounding: against a
        // 50-digit reference it is 10⁻⁹ at a million trials, 6 × 10⁻⁶ at a billion, 4 × 10⁻³ at a trillion
        // (BetaBinomialMixtureTests). Eight units of the terms' size allow for it with room to spare.
        var size = (2 * (a + b) * (Math.Log(a + b) + 1)) - (successes * Math.Log(_p)) - (failures * Math.Log(1 - _p));
        return value - (8 * Unit * size);
    }

    /// <summary>
    /// Whether the mixture has reached 1/<paramref name="alpha"/> after <paramref name="successes"/> successes in
    /// <paramref name="trials"/> trials: evidence, at one-sided α valid at every count at once, that the trials succeed
    /// more often than p. A value that is not a number is no evidence: it widens a bound, never narrows it.
    /// </summary>
    public bool Crosses(long successes, long trials, double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "expected a number between 0 and 1");
        }

        return Log(successes, trials) >= Math.Log(1 / alpha) + Margin;
    }

    /// <summary>
    /// The fewest successes in <paramref name="trials"/> trials at which the mixture reaches 1/<paramref name="alpha"/>,
    /// or trials + 1 where not even all of them do: with probability at least 1 − α the count of successes stays
    /// below this at every number of trials at once.
    /// </summary>
    public long FirstCrossing(long trials, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (trials == 0 || !Crosses(trials, trials, alpha))
        {
            return trials + 1;
        }

        // The mixture rises with the count (each q it mixes lies above p) and stays below 1 up to the expected count
        // np (there each ratio is at most e^(−n KL(p‖q))), so the crossing lies above np: found by halving.
        long low = (long)Math.Floor(trials * _p), high = trials;
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            (low, high) = Crosses(middle, trials, alpha) ? (low, middle) : (middle, high);
        }

        return high;
    }
}
