namespace PolicyEngine.Statistics;

/// <summary>
/// An exact upper bound on how far one rate lies above another — p₁ − p₂, or p₁ ÷ p₂ − 1 — from each arm's count of
/// events, valid at every look at once: what a promotion on a rate rests on (docs/canary.md, "Rates").
/// </summary>
/// <remarks>
/// <para>
/// For any pair of true rates (p₁, p₂), the product of two <see cref="BetaBinomialMixture"/>s — on the first arm's
/// non-events at 1 − p₁ (evidence that its rate lies below p₁) and on the second arm's events at p₂ (evidence that
/// its rate lies above p₂) — is a nonnegative martingale under (p₁, p₂): the arms are independent, and each factor is
/// one. By Ville's inequality it ever reaches 1/α with probability at most α. A change δ is ruled out when every pair on
/// its line (p₁ = p₂ + δ, or (1 + δ)p₂) has reached it; so the true change is ruled out with probability at most α,
/// however often the bound is looked at. The nuisance (where on the line the truth lies) costs nothing in α, and the
/// evidence of the two arms adds up, where combining each arm's own bounds adds their widths: at equal arms this bound
/// reaches a given width on about half the trials.
/// </para>
/// <para>
/// Finding the least product along a line needs no assumption of its shape: the first factor rises with p₁ and the
/// second falls with p₂, so over any stretch [a, b] of the line the product is at least the first factor at a times the
/// second at b. Stretches are split until each such floor clears 1/α (the change is ruled out) or one point falls short
/// of it (it is not). Whatever the splitting leaves undecided counts as not ruled out: the bound only widens. Pairs
/// outside the first arm's exact lower bound and the second arm's exact upper bound (<see cref="ConfidenceSequence.Rate"/>,
/// at a hundredth of α each) are ruled out by those instead, which keeps the mixtures away from rates of 0 and 1.
/// A change above a ruled-out one is ruled out too: the first factor only grows along the way.
/// </para>
/// </remarks>
public static class RateIncrease
{
    // Each of the two exact one-arm bounds that fence the pairs in spends this share of α; the product the rest.
    private const double FenceShare = 0.01;

    // The product's crossing is taken this much (in logarithms) past its threshold, as the mixture's own.
    private const double Margin = 1e-7;

    // Rates nearer 0 or 1 than this are not given to a mixture: a floor is taken from a rate on its safe side instead.
    private const double Edge = 1e-12;

    // Mixture evaluations allowed to decide one change; a change left undecided is not ruled out.
    private const int Budget = 4000;

    /// <summary>
    /// The least change that is ruled out, at one-sided <paramref name="alpha"/> over every look at once: an upper bound
    /// on p₁ − p₂ (1 at most), or on p₁ ÷ p₂ − 1 when <paramref name="relative"/> (infinite while the second arm's
    /// events cannot rule out a rate near zero, and either way beyond <see cref="BetaBinomialMixture.MostTrials"/> trials
    /// an arm, where the mixtures give no evidence). Each arm's mixtures are tightest near its
    /// <paramref name="tunedFor1"/> or <paramref name="tunedFor2"/> trials (any tuning fixed before the data keeps the
    /// bound valid).
    /// </summary>
    public static double Upper(long events1, long trials1, long events2, long trials2, bool relative, double alpha, double tunedFor1 = ConfidenceSequence.TunedFor, double tunedFor2 = ConfidenceSequence.TunedFor)
    {
        BetaBinomialMixture.CheckTuning(tunedFor1, nameof(tunedFor1));
        BetaBinomialMixture.CheckTuning(tunedFor2, nameof(tunedFor2));
        if (trials1 < 0 || events1 < 0 || events1 > trials1 || trials2 < 0 || events2 < 0 || events2 > trials2)
        {
            throw new ArgumentOutOfRangeException(nameof(events1), $"{events1} events in {trials1} trials against {events2} in {trials2}");
        }

        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "expected a number between 0 and 1");
        }

        // Without events in the second arm every ratio stays possible: its rate may lie as near zero as any.
        var most = relative ? double.PositiveInfinity : 1;
        if (trials1 == 0 || trials2 == 0 || (relative && events2 == 0) || Math.Max(trials1, trials2) > BetaBinomialMixture.MostTrials)
        {
            return most;
        }

        // Searched on the change itself, or on the log of the ratio, upward from the observed one in steps of about four
        // standard errors. The observed pair lies inside the fences and no mixture has evidence against it, so it is
        // never ruled out; above it, every change's line meets the fences, and one ruled out rules out all above it.
        var pair = new Pair(events1, trials1, events2, trials2, relative, alpha, tunedFor1, tunedFor2);
        double p1 = events1 / (double)trials1, p2 = events2 / (double)trials2;
        var (observed, step, ceiling) = relative
            ? (events1 == 0 ? -40 : Math.Log(p1 / p2), 4 * Math.Sqrt((1.0 / (events1 + 1)) + (1.0 / (events2 + 1))), 40.0)
            : (p1 - p2, 4 * Math.Sqrt((((p1 * (1 - p1)) + (1.0 / trials1)) / trials1) + (((p2 * (1 - p2)) + (1.0 / trials2)) / trials2)), 1.0);
        return pair.LeastRuledOut(observed, step, ceiling) is { } change
            ? relative ? Math.Exp(change) - 1 : change
            : most;
    }

    /// <summary>The two arms' counts, and the test of one change against them.</summary>
    private sealed class Pair(long events1, long trials1, long events2, long trials2, bool relative, double alpha, double tunedFor1, double tunedFor2)
    {
        private readonly double _threshold = Math.Log(1 / (alpha * (1 - (2 * FenceShare)))) + Margin;
        private readonly double _lowest1 = ConfidenceSequence.Rate(events1, trials1, FenceShare * alpha, tunedFor1).Lower;
        private readonly double _highest2 = ConfidenceSequence.Rate(events2, trials2, FenceShare * alpha, tunedFor2).Upper;

        /// <summary>
        /// The least change (p₁ − p₂, or ln(p₁ ÷ p₂) when relative) found ruled out above <paramref name="observed"/>, or
        /// null when none is below <paramref name="ceiling"/>. The search is guided by the least product found along
        /// each line (which only estimates it), then the change it settles on is tested by <see cref="RulesOut"/>,
        /// which decides; changes a little above it are tried if it fails, then plain halving.
        /// </summary>
        public double? LeastRuledOut(double observed, double step, double ceiling)
        {
            // Aim a thousandth of a unit of evidence past the threshold, so the test has room to decide.
            var aim = _threshold + 1e-3;
            double low = observed, high = Math.Min(observed + step, ceiling);
            while (Least(high) < aim)
            {
                if (high >= ceiling)
                {
                    return Halving(observed, ceiling);
                }

                (low, high) = (high, Math.Min(high + (2 * (high - observed)), ceiling));
            }

            // False position on the estimated least product (Illinois), which rises with the change, to a hundred-thousandth
            // of the way from the observed change.
            double fLow = Least(low) - aim, fHigh = Least(high) - aim;
            var side = 0;
            for (var i = 0; i < 40 && high - low > 1e-5 * (high - observed); i++)
            {
                var middle = fLow < 0 && fHigh > 0 && double.IsFinite(fLow) && double.IsFinite(fHigh) ? high - (fHigh * (high - low) / (fHigh - fLow)) : (low + high) / 2;
                if (!(middle > low && middle < high))
                {
                    middle = (low + high) / 2;
                }

                // An end kept twice in a row has its value halved, so the other end moves too.
                var f = Least(middle) - aim;
                if (f >= 0)
                {
                    (high, fHigh) = (middle, f);
                    fLow = side == 1 ? fLow / 2 : fLow;
                    side = 1;
                }
                else
                {
                    (low, fLow) = (middle, f);
                    fHigh = side == -1 ? fHigh / 2 : fHigh;
                    side = -1;
                }
            }

            for (var widen = 0; widen < 8 && high < ceiling; widen++)
            {
                if (RulesOut(high))
                {
                    return high;
                }

                high = Math.Min(high + ((high - observed) * 1e-3 * (1 << (2 * widen))), ceiling);
            }

            return Halving(observed, ceiling);
        }

        /// <summary>The least change ruled out by halving between the observed and the ceiling: slow, and sure.</summary>
        private double? Halving(double low, double high)
        {
            if (!RulesOut(high))
            {
                return null;
            }

            while (high - low > 1e-9 * Math.Max(1, Math.Abs(high)))
            {
                var middle = (low + high) / 2;
                (low, high) = RulesOut(middle) ? (low, middle) : (middle, high);
            }

            return high;
        }

        /// <summary>The second arm's rates whose pair lies on the change's line, inside both fences and inside [0, 1].</summary>
        private (double Low, double High, Func<double, double> First) Line(double change)
        {
            var ratio = Math.Exp(change);
            var low = Math.Max(0, relative ? _lowest1 / ratio : _lowest1 - change);
            var high = Math.Min(_highest2, relative ? 1 / ratio : 1 - change);
            return (low, high, relative ? p2 => ratio * p2 : p2 => p2 + change);
        }

        /// <summary>An estimate of the least product along the change's line (a golden-section search); ∞ for an empty line.</summary>
        private double Least(double change)
        {
            var (low, high, first) = Line(change);
            if (low > high)
            {
                return double.PositiveInfinity;
            }

            double At(double p2) => Below(first(p2)) + Falling(p2);
            // Searched on the logarithm of the rate where the line spans orders of magnitude.
            var logarithmic = high > 4 * low;
            var from = logarithmic ? Math.Log(Math.Max(low, high * 1e-12)) : low;
            var to = logarithmic ? Math.Log(high) : high;
            double Rate(double u) => logarithmic ? Math.Min(Math.Max(Math.Exp(u), low), high) : u;
            var least = Math.Min(At(low), At(high));
            const double golden = 0.6180339887498949;
            double a = from, b = to, c = b - (golden * (b - a)), d = a + (golden * (b - a));
            double fc = At(Rate(c)), fd = At(Rate(d));
            for (var i = 0; i < 18; i++)
            {
                if (fc < fd)
                {
                    (b, d, fd) = (d, c, fc);
                    c = b - (golden * (b - a));
                    fc = At(Rate(c));
                }
                else
                {
                    (a, c, fc) = (c, d, fd);
                    d = a + (golden * (b - a));
                    fd = At(Rate(d));
                }
            }

            return Math.Min(least, Math.Min(fc, fd));
        }

        /// <summary>Whether every pair of rates on the change's line inside the fences has been ruled out.</summary>
        public bool RulesOut(double change)
        {
            var (low, high, first) = Line(change);
            if (low > high)
            {
                return true;
            }

            var budget = Budget;
            double Rising(double p2) => Below(first(p2));
            var (ra, fb) = (Rising(low), Falling(high));
            if (ra + Falling(low) < _threshold || Rising(high) + fb < _threshold)
            {
                return false;
            }

            // Depth first, nearer half first: a point that falls short ends the search at once.
            var stack = new Stack<(double A, double B, double RisingA, double FallingB)>();
            stack.Push((low, high, ra, fb));
            while (stack.Count > 0)
            {
                var (a, b, rising, falling) = stack.Pop();
                if (rising + falling >= _threshold)
                {
                    continue;
                }

                var middle = a > 0 && b > 4 * a ? Math.Sqrt(a * b) : (a + b) / 2;
                if (!(middle > a && middle < b) || (budget -= 2) < 0)
                {
                    return false;
                }

                var (rm, fm) = (Rising(middle), Falling(middle));
                if (rm + fm < _threshold)
                {
                    return false;
                }

                stack.Push((middle, b, rm, falling));
                stack.Push((a, middle, rising, fm));
            }

            return true;
        }

        /// <summary>A floor under ln M of the first arm's evidence that its rate lies below <paramref name="p1"/>; it rises with p1.</summary>
        private double Below(double p1)
        {
            if (p1 <= Edge)
            {
                // No events: every outcome is evidence against any rate above zero (M ≥ 1). Otherwise no floor is known.
                return events1 == 0 ? 0 : double.NegativeInfinity;
            }

            // A rate nearer 1 is floored by the mixture at 1 − Edge, which rises toward it.
            return new BetaBinomialMixture(1 - Math.Min(p1, 1 - Edge), tunedFor1).Log(trials1 - events1, trials1);
        }

        /// <summary>A floor under ln M of the second arm's evidence that its rate lies above <paramref name="p2"/>; it falls with p2.</summary>
        private double Falling(double p2)
        {
            if (p2 >= 1 - Edge)
            {
                return events2 == trials2 ? 0 : double.NegativeInfinity;
            }

            return new BetaBinomialMixture(Math.Max(p2, Edge), tunedFor2).Log(events2, trials2);
        }
    }
}
