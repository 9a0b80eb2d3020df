namespace PolicyEngine.Statistics;

/// <summary>
/// An exact upper bound on how far one arm's percentile lies above another's — q₁ − q₂, or q₁ ÷ q₂ − 1 — from each
/// arm's sorted finite samples, valid at every look at once, for any distributions (docs/canary.md, "Percentiles").
/// </summary>
/// <remarks>
/// <para>
/// If the first arm's p-th percentile is q₁, each of its samples falls strictly below q₁ with probability at most p;
/// if the second's is q₂, each of its samples falls strictly above q₂ with probability at most 1 − p (Howard and Ramdas
/// 2022). So for any pair (q₁, q₂) the product of two one-sided <see cref="BetaBinomialMixture"/>s — on the count of
/// the first arm's samples below q₁, and on the count of the second's above q₂ — is a nonnegative supermartingale, and
/// ever reaches 1/α with probability at most α. A change δ is ruled out when every pair with q₁ − q₂ ≥ δ (q₁ ≥ (1 + δ)q₂
/// when relative) inside three fences has reached it: the first arm's exact lower bound and the second's two bounds
/// (<see cref="ConfidenceSequence.Percentile"/>, a hundredth of α each). The region shrinks as δ grows, so a change
/// above a ruled-out one is ruled out too.
/// </para>
/// <para>
/// The first count only grows with q₁, so the least product over the region is found along q₁ = max(fence, q₂ + δ);
/// both counts are step functions of q₂, constant between the samples, so trying every sample value in the fences and
/// every point between two of them finds the least exactly. The evidence of the two arms adds up, where combining each
/// arm's own bounds at half the error adds their widths: the bound is about a quarter nearer the observed change.
/// </para>
/// </remarks>
public static class PercentileIncrease
{
    // Each of the three fences spends this share of α; the product the rest.
    private const double FenceShare = 0.01;

    // The product's crossing is taken this much (in logarithms) past its threshold, as the mixture's own.
    private const double Margin = 1e-7;

    /// <summary>
    /// The least change ruled out at one-sided <paramref name="alpha"/> over every look at once: an upper bound on the
    /// first arm's <paramref name="percentile"/> (0–100) minus the second's, or on their ratio minus one when
    /// <paramref name="relative"/>; infinite where the samples cannot bound it yet. Each arm's mixtures are tightest near
    /// its <paramref name="tunedFor1"/> or <paramref name="tunedFor2"/> samples (any tuning fixed before the data keeps
    /// the bound valid).
    /// </summary>
    public static double Upper(IReadOnlyList<double> sortedFirst, IReadOnlyList<double> sortedSecond, double percentile, bool relative, double alpha, double tunedFor1 = ConfidenceSequence.TunedFor, double tunedFor2 = ConfidenceSequence.TunedFor)
    {
        ArgumentNullException.ThrowIfNull(sortedFirst);
        ArgumentNullException.ThrowIfNull(sortedSecond);
        BetaBinomialMixture.CheckTuning(tunedFor1, nameof(tunedFor1));
        BetaBinomialMixture.CheckTuning(tunedFor2, nameof(tunedFor2));
        if (!(percentile > 0 && percentile < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "expected a percentile between 0 and 100");
        }

        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "expected a number between 0 and 1");
        }

        // A ratio is bounded for values that cannot fall below zero (latencies): a percentile of such values is never
        // negative, which keeps the region of each ratio inside that of any smaller one.
        // Samples beyond measure (±∞) leave the change unsized here (SequentialCheck judges those by each arm's bounds).
        if (sortedFirst.Count == 0 || sortedSecond.Count == 0 || !sortedFirst.Concat(sortedSecond).All(double.IsFinite)
            || (relative && (sortedFirst[0] < 0 || sortedSecond[0] < 0)))
        {
            return double.PositiveInfinity;
        }

        var regions = new Regions(sortedFirst, sortedSecond, percentile / 100, relative, alpha, tunedFor1, tunedFor2);
        // Searched on the change, or on the log of the ratio, upward from the sample percentiles' own change (the start
        // need not be left standing: the bound returned is always one ruled out, and all above it are).
        double first = LinearPercentile.Of(sortedFirst, percentile), second = LinearPercentile.Of(sortedSecond, percentile);
        double observed, step, ceiling;
        if (relative)
        {
            if (!(second > 0 && first > 0))
            {
                // A ratio over a percentile of zero is sized from one: it only sets where the search starts.
                (first, second) = (1, 1);
            }

            (observed, step, ceiling) = (Math.Log(first / second), 0.25, 40.0);
        }
        else
        {
            var spread = Math.Max(Math.Abs(first), Math.Abs(second));
            (observed, step, ceiling) = (first - second, Math.Max(spread, 1e-300) * 0.25, first - second + (Math.Max(spread, 1e-300) * 1e12));
        }

        // Samples so far apart that their change overflows (±1e308) leave nothing to search from: unsized, never a pass.
        if (!double.IsFinite(observed) || !(step > 0) || double.IsNaN(ceiling))
        {
            return double.PositiveInfinity;
        }

        // Each arm's own bounds at half the error combined usually lie a little beyond: a first guess at a ruled-out change.
        var own1 = ConfidenceSequence.Percentile(sortedFirst, percentile, alpha / 2, tunedFor1).Upper;
        var own2 = ConfidenceSequence.Percentile(sortedSecond, percentile, alpha / 2, tunedFor2).Lower;
        var guess = relative ? (own2 > 0 ? Math.Log(own1 / own2) : double.NaN) : own1 - own2;

        double low = observed, high = guess > observed && guess < ceiling ? guess : observed + step;
        while (!regions.RuledOut(high))
        {
            if (!(high < ceiling && high > low))
            {
                return double.PositiveInfinity;
            }

            (low, high) = (high, Math.Min(high + Math.Max(2 * (high - low), step), ceiling));
        }

        // Halved to a ten-thousandth of the bound's distance from the observed change.
        while (high - low > 1e-4 * (high - observed))
        {
            var middle = low + ((high - low) / 2);
            if (!(middle > low && middle < high))
            {
                break;
            }

            (low, high) = regions.RuledOut(middle) ? (low, middle) : (middle, high);
        }

        return relative ? Math.Exp(high) - 1 : high;
    }

    /// <summary>The two arms' samples, their fences, and the test of one change's region against them.</summary>
    private sealed class Regions
    {
        private readonly IReadOnlyList<double> _first;
        private readonly IReadOnlyList<double> _second;
        private readonly bool _relative;
        private readonly double _threshold;
        private readonly double _lowestFirst;
        private readonly double _lowestSecond;
        private readonly double _highestSecond;
        private readonly BetaBinomialMixture _below;
        private readonly BetaBinomialMixture _above;
        private readonly Dictionary<int, double> _belowLog = [];
        private readonly Dictionary<int, double> _aboveLog = [];

        public Regions(IReadOnlyList<double> first, IReadOnlyList<double> second, double p, bool relative, double alpha, double tunedFor1, double tunedFor2)
        {
            (_first, _second, _relative) = (first, second, relative);
            _threshold = Math.Log(1 / (alpha * (1 - (3 * FenceShare)))) + Margin;
            _lowestFirst = ConfidenceSequence.Percentile(first, p * 100, FenceShare * alpha, tunedFor1).Lower;
            (_lowestSecond, _highestSecond) = ConfidenceSequence.Percentile(second, p * 100, FenceShare * alpha, tunedFor2);
            _lowestSecond = relative ? Math.Max(_lowestSecond, 0) : _lowestSecond;
            _below = new BetaBinomialMixture(p, tunedFor1);
            _above = new BetaBinomialMixture(1 - p, tunedFor2);
        }

        /// <summary>Whether every pair in the change's region (inside the fences) has been ruled out.</summary>
        public bool RuledOut(double change)
        {
            var ratio = Math.Exp(change);
            double FirstOn(double q2) => Math.Max(_lowestFirst, _relative ? ratio * q2 : q2 + change);

            // Where the counts can change: the second arm's samples, and the first arm's mapped back onto the second's
            // scale (v − δ, or v ÷ (1 + δ)), inside the second arm's fences; then every point between two of them.
            var marks = new List<double> { _lowestSecond, _highestSecond };
            for (var i = _second.Count - CountAtOrAbove(_second, _lowestSecond); i < _second.Count && _second[i] <= _highestSecond; i++)
            {
                marks.Add(_second[i]);
            }

            var start = _relative ? _lowestSecond * ratio : _lowestSecond + change;
            for (var i = _first.Count - CountAtOrAbove(_first, start); i < _first.Count; i++)
            {
                var back = _relative ? _first[i] / ratio : _first[i] - change;
                if (back > _highestSecond)
                {
                    break;
                }

                if (back >= _lowestSecond)
                {
                    marks.Add(back);
                }
            }

            marks.Sort();
            var points = new double[(2 * marks.Count) - 1];
            for (var i = 0; i < marks.Count; i++)
            {
                points[2 * i] = marks[i];
                if (i + 1 < marks.Count)
                {
                    points[(2 * i) + 1] = Between(marks[i], marks[i + 1]);
                }
            }

            // Along the points the first count only rises and the second only falls, so over a run of points the
            // product is at least the first's at its start times the second's at its end: runs are split until each
            // such floor clears the threshold, or a point falls short of it.
            double Rising(int i) => BelowLog(CountBelow(_first, FirstOn(points[i])));
            double Falling(int i) => AboveLog(CountAbove(_second, points[i]));
            var runs = new Stack<(int From, int To, double RisingFrom, double FallingTo)>();
            runs.Push((0, points.Length - 1, Rising(0), Falling(points.Length - 1)));
            while (runs.Count > 0)
            {
                var (from, to, rising, falling) = runs.Pop();
                if (rising + falling >= _threshold)
                {
                    continue;
                }

                if (to - from <= 1)
                {
                    // Both points themselves: the floor above mixed them.
                    if (Rising(from) + Falling(from) < _threshold || Rising(to) + Falling(to) < _threshold)
                    {
                        return false;
                    }

                    continue;
                }

                var middle = from + ((to - from) / 2);
                var (rm, fm) = (Rising(middle), Falling(middle));
                if (rm + fm < _threshold)
                {
                    return false;
                }

                runs.Push((middle, to, rm, falling));
                runs.Push((from, middle, rising, fm));
            }

            return true;
        }

        // A point strictly between two marks. Beyond the last finite mark on either side the counts no longer change
        // (every sample there would be a mark), so the infinite end stands for the whole stretch.
        private static double Between(double a, double b) =>
            double.IsInfinity(a) ? a : double.IsInfinity(b) ? b : a + ((b - a) / 2);

        private double BelowLog(int count) => Cached(_belowLog, count, () => _below.Log(count, _first.Count));

        private double AboveLog(int count) => Cached(_aboveLog, count, () => _above.Log(count, _second.Count));

        private static double Cached(Dictionary<int, double> cache, int count, Func<double> compute)
        {
            if (!cache.TryGetValue(count, out var value))
            {
                value = compute();
                cache[count] = value;
            }

            return value;
        }

        /// <summary>How many sorted values lie strictly below <paramref name="x"/>.</summary>
        private static int CountBelow(IReadOnlyList<double> sorted, double x)
        {
            int low = 0, high = sorted.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                (low, high) = sorted[middle] < x ? (middle + 1, high) : (low, middle);
            }

            return low;
        }

        /// <summary>How many sorted values lie at or above <paramref name="x"/>.</summary>
        private static int CountAtOrAbove(IReadOnlyList<double> sorted, double x) => sorted.Count - CountBelow(sorted, x);

        /// <summary>How many sorted values lie strictly above <paramref name="x"/>.</summary>
        private static int CountAbove(IReadOnlyList<double> sorted, double x)
        {
            int low = 0, high = sorted.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                (low, high) = sorted[middle] <= x ? (middle + 1, high) : (low, middle);
            }

            return sorted.Count - low;
        }
    }
}
