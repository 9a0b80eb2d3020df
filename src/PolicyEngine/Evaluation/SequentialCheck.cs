using PolicyEngine.Specs;
using PolicyEngine.Statistics;

namespace PolicyEngine.Evaluation;

/// <summary>
/// Judges a sequential rollback threshold (docs/canary.md, "Anytime-valid judges"): one confidence sequence on the
/// difference between the arms, turned into bounds on the change in the threshold's bad direction, each bound one-sided
/// at 1 − Confidence. Fail as soon as the lower bound lies beyond the limit; pass as soon as the upper bound lies
/// within it (after the minimum samples); otherwise inconclusive — keep measuring. Rates are counts of Bernoulli
/// outcomes, both their bounds exact (<see cref="RateIncrease"/>, the lower with the arms swapped); a
/// distribution is compared on the mean of its logarithm (a multiplicative shift of its typical value); a per-request mean (<c>usd_per_1k_requests</c>) on the difference of
/// the means or the log of their ratio; a percentile (<c>latency_p95</c>) from both arms' raw samples together
/// (<see cref="PercentileIncrease"/>).
/// </summary>
public static class SequentialCheck
{
    /// <summary>Judges the candidate against the baseline on the spec's slice.</summary>
    public static Finding Evaluate(Guardrail guardrail, RollbackThresholdSpec spec, SequentialSpec sequential, FactIndex facts)
    {
        ArgumentNullException.ThrowIfNull(guardrail);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sequential);
        ArgumentNullException.ThrowIfNull(facts);
        var alpha = 1 - sequential.Confidence;
        var name = TelemetryMetrics.Name(spec.Metric);
        return GuardrailRun.Safely(guardrail, spec.Slice, () =>
        {
            var tuning = Tuning.For(sequential);
            var arms = TelemetryMetrics.Percentile(spec.Metric) is { } percentile
                ? Percentile(guardrail, spec, facts.Samples(Role.Candidate, spec.Slice, percentile.Metric), facts.Samples(Role.Baseline, spec.Slice, percentile.Metric), percentile.Percentile, name, alpha, tuning)
                : TelemetryMetrics.Sampled(spec.Metric) is { } sampled
                ? Distribution(guardrail, spec, facts.Samples(Role.Candidate, spec.Slice, sampled), facts.Samples(Role.Baseline, spec.Slice, sampled), name, alpha)
                : TelemetryMetrics.PerRequest(spec.Metric) is { } perRequest
                ? Mean(guardrail, spec, facts.Samples(Role.Candidate, spec.Slice, perRequest.Metric), facts.Samples(Role.Baseline, spec.Slice, perRequest.Metric), perRequest.Scale, name, alpha)
                : Rate(guardrail, spec, facts.Telemetry(Role.Candidate, spec.Slice), facts.Telemetry(Role.Baseline, spec.Slice), name, alpha, tuning);
            if (arms.Missing is { } missing)
            {
                return missing;
            }

            var (raw, estimate, n) = arms.Value;
            if (facts.Floor(guardrail.Id, spec.Slice) is { } floor && n < floor.Samples)
            {
                return Finding.Of(guardrail, Outcome.Error, spec.Slice, null, spec.Limit, n,
                    $"{name}: {n} samples, fewer than the {floor.Samples} an earlier decision on this canary counted ({floor.DecisionId}); a sequence bounds the samples since the canary began, and its guarantee does not hold on counts that fall (a sliding window, a counter reset)");
            }

            // Infinite samples (a quantile beyond the last bucket) can leave ∞ − ∞: an unknown bound is an open one.
            var bounds = new Bounds(double.IsNaN(raw.Lower) ? double.NegativeInfinity : raw.Lower, double.IsNaN(raw.Upper) ? double.PositiveInfinity : raw.Upper);
            var what = spec.Change switch
            {
                ChangeLimit.RelativeIncrease => "relative increase",
                ChangeLimit.AbsoluteIncrease => "increase",
                ChangeLimit.RelativeDecrease => "relative decrease",
                _ => "decrease",
            };
            var range = $"[{Format(bounds.Lower, spec.Change)}, {Format(bounds.Upper, spec.Change)}], each bound at {Finding.Format(sequential.Confidence * 100)} % confidence, valid at every look";
            var limit = Format(spec.Limit, spec.Change);
            Finding Of(Outcome outcome, string reason) =>
                Finding.Of(guardrail, outcome, spec.Slice, double.IsNaN(estimate) ? null : estimate, spec.Limit, n, reason) with { Lower = bounds.Lower, Upper = bounds.Upper };
            if (bounds.Lower > spec.Limit)
            {
                return arms.NoFail is { } noFail
                    ? Of(Outcome.Inconclusive, $"{name} {what} {range}: beyond the limit of {limit}, but {noFail}")
                    : Of(Outcome.Fail, $"{name} {what} {range}: beyond the limit of {limit} — a regression, shown with confidence");
            }

            if (bounds.Upper <= spec.Limit && n >= spec.MinSamples)
            {
                return arms.NoPass is { } noPass
                    ? Of(Outcome.Inconclusive, $"{name} {what} {range}: within the limit of {limit}, but {noPass}")
                    : Of(Outcome.Pass, $"{name} {what} {range}: within the limit of {limit} — the change is inside the band");
            }

            return Of(Outcome.Inconclusive, bounds.Upper <= spec.Limit
                ? $"{name} {what} {range}: within the limit of {limit}, but on {n} samples of the {spec.MinSamples} needed to promote; keep measuring"
                : $"{name} {what} {range}: straddles the limit of {limit}{(arms.Open is { } open ? $" ({open})" : "")}; keep measuring{Untuned(arms.Split, sequential.BaselineRatio)}");
        });
    }

    /// <summary>
    /// A hint for the next rollout when the arms run at a split three times or more off the one the threshold declares:
    /// the exact bounds are then wider than they need be. It cannot retune this canary's sequence, which is fixed.
    /// </summary>
    private static string Untuned((long Candidate, long Baseline)? split, double declared)
    {
        if (split is not { Candidate: > 0, Baseline: > 0 } arms)
        {
            return "";
        }

        var ratio = arms.Baseline / (double)arms.Candidate;
        if (Math.Max(ratio / declared, declared / ratio) < 3)
        {
            return "";
        }

        var suggested = Math.Clamp(Math.Round(ratio, ratio >= 1 ? 1 : 3), SequentialSpec.LeastBaselineRatio, SequentialSpec.MostBaselineRatio);
        return $" (the arms run {Finding.Format(arms.Baseline)} baseline samples to {Finding.Format(arms.Candidate)} candidate ones, where the threshold is tuned for {Finding.Format(declared)} to 1: declare BaselineRatio = {Finding.Format(suggested)} before a rollout at this split to bound it tighter)";
    }

    /// <summary>The observed change in the threshold's bad direction; a relative increase over a zero baseline is infinite.</summary>
    private static double Change(ChangeLimit change, double candidate, double baseline) => change switch
    {
        ChangeLimit.RelativeIncrease => baseline > 0 ? (candidate / baseline) - 1 : double.PositiveInfinity,
        ChangeLimit.AbsoluteIncrease => candidate - baseline,
        ChangeLimit.RelativeDecrease => baseline > 0 ? 1 - (candidate / baseline) : 0,
        _ => baseline - candidate,
    };

    /// <summary>
    /// Bounds on the change in the threshold's bad direction from two exact one-sided bounds: <paramref name="up"/>, the
    /// least ruled-out increase of the candidate over the baseline, and <paramref name="down"/>, of the baseline over the
    /// candidate (each given whether it is a ratio). A ratio turns over as c/b − 1 ≥ 1/(1 + u) − 1 where b/c − 1 ≤ u;
    /// an unbounded one leaves −100 %.
    /// </summary>
    private static Bounds BothWays(ChangeLimit change, Func<bool, double> up, Func<bool, double> down)
    {
        static double Ratio(double u) => double.IsFinite(u) ? -u / (1 + u) : -1;
        return change switch
        {
            ChangeLimit.RelativeIncrease => new Bounds(Ratio(down(true)), up(true)),
            ChangeLimit.AbsoluteIncrease => new Bounds(-down(false), up(false)),
            ChangeLimit.RelativeDecrease => new Bounds(-up(true), -Ratio(down(true))),
            _ => new Bounds(-up(false), down(false)),
        };
    }

    /// <summary>Bounds on the change in the threshold's bad direction, from bounds on a difference or on a log ratio.</summary>
    private static Bounds BadDirection(ChangeLimit change, Bounds difference, bool logRatio)
    {
        var bounds = logRatio ? difference.AsRelativeChange : difference;
        return change is ChangeLimit.RelativeIncrease or ChangeLimit.AbsoluteIncrease ? bounds : bounds.Negated;
    }

    /// <summary>
    /// The observations each arm's beta-binomial mixtures (a rate's bounds, percentiles) are tuned for: the smaller
    /// arm 250 (<see cref="ConfidenceSequence.TunedFor"/>), the larger that times the ratio the threshold declares
    /// (<see cref="SequentialSpec.BaselineRatio"/>), so each arm's evidence is sharpest where both reach their share of
    /// the traffic together. Fixed before the data, as validity needs: a ratio read off the counts would retune the
    /// bound at every look. The normal sequence on the difference pools both arms' information already and keeps its ρ:
    /// tuned to the ratio, it caught latency regressions later (docs/canary.md).
    /// </summary>
    private readonly record struct Tuning(double Candidate, double Baseline)
    {
        public static Tuning For(SequentialSpec sequential)
        {
            var ratio = sequential.BaselineRatio;
            if (!(ratio >= SequentialSpec.LeastBaselineRatio && ratio <= SequentialSpec.MostBaselineRatio))
            {
                throw new ArgumentOutOfRangeException(nameof(sequential), ratio,
                    $"BaselineRatio {Finding.Format(ratio)}; expected baseline samples per candidate sample from {Finding.Format(SequentialSpec.LeastBaselineRatio)} to {Finding.Format(SequentialSpec.MostBaselineRatio)}");
            }

            const double tunedFor = ConfidenceSequence.TunedFor;
            return ratio >= 1 ? new Tuning(tunedFor, tunedFor * ratio) : new Tuning(tunedFor / ratio, tunedFor);
        }
    }

    /// <summary>The arms' bounds, or the finding that stands for them; a decision the bounds cannot support says why.</summary>
    /// <remarks>Split: the arms' counts, where the bounds rest on each arm's mixtures (tuned by <see cref="SequentialSpec.BaselineRatio"/>).</remarks>
    private readonly record struct Arms(Finding? Missing, (Bounds Change, double Estimate, long N) Value, string? NoFail = null, string? NoPass = null, string? Open = null, (long Candidate, long Baseline)? Split = null);

    private static Arms Rate(Guardrail guardrail, RollbackThresholdSpec spec, IEnumerable<SliceMetrics> candidates, IEnumerable<SliceMetrics> baselines, string name, double alpha, Tuning tuning)
    {
        if (!GuardrailRun.TryTakeOne(guardrail, spec.Slice, candidates, "candidate telemetry", out var c, out var missing)
            || !GuardrailRun.TryTakeOne(guardrail, spec.Slice, baselines, "baseline telemetry", out var b, out missing))
        {
            return new Arms(missing, default);
        }

        if (TelemetryMetrics.Read(spec.Metric, c) is not { } cr || TelemetryMetrics.Read(spec.Metric, b) is not { } br)
        {
            return new Arms(Finding.Missing(guardrail, spec.Slice, $"{name} was not measured for both candidate and baseline"), default);
        }

        long nc = TelemetryMetrics.Samples(spec.Metric, c), nb = TelemetryMetrics.Samples(spec.Metric, b);
        // The sequence counts outcomes: a rate outside [0, 1] has no count behind it (a loader refuses one; a fact built by hand may not).
        cr = Checked.Rate(cr, $"candidate {name}");
        br = Checked.Rate(br, $"baseline {name}");
        long sc = (long)Math.Round(cr * nc), sb = (long)Math.Round(br * nb);
        // Both bounds are exact (RateIncrease, each way round: BothWays). The normal sequence on the difference, which the
        // rollback rested on before, rolled back identical arms more often than the confidence allows where a small
        // candidate arm saw rare events under a relative limit: its shrunk rate leans toward ½, which makes the small arm
        // look worse (docs/canary.md, "Rates"). Past the mixtures' reach (MostTrials an arm), where the normal
        // approximation is all but exact, it still gives the rollback's bound, so a regression there still rolls back.
        var relative = spec.Change is ChangeLimit.RelativeIncrease or ChangeLimit.RelativeDecrease;
        Bounds bounds;
        if (Math.Max(nc, nb) > BetaBinomialMixture.MostTrials)
        {
            var difference = relative
                ? ConfidenceSequence.Difference(Arm.LogRate(sc, nc), Arm.LogRate(sb, nb), alpha)
                : ConfidenceSequence.Difference(Arm.Rate(sc, nc), Arm.Rate(sb, nb), alpha);
            bounds = new Bounds(BadDirection(spec.Change, difference, relative).Lower, spec.Change is ChangeLimit.RelativeIncrease ? double.PositiveInfinity : 1);
        }
        else
        {
            bounds = BothWays(
                spec.Change,
                ratio => RateIncrease.Upper(sc, nc, sb, nb, ratio, alpha, tuning.Candidate, tuning.Baseline),
                ratio => RateIncrease.Upper(sb, nb, sc, nc, ratio, alpha, tuning.Baseline, tuning.Candidate));
        }

        var open = Math.Max(nc, nb) > BetaBinomialMixture.MostTrials
            ? $"{nc} candidate and {nb} baseline samples: past {BetaBinomialMixture.MostTrials} an arm the exact bound a promotion rests on cannot be evaluated"
            : null;
        return new Arms(null, (bounds, Change(spec.Change, cr, br), Math.Min(nc, nb)), Open: open, Split: (nc, nb));
    }

    private static Arms Distribution(Guardrail guardrail, RollbackThresholdSpec spec, IReadOnlyList<MetricSamples> candidates, IReadOnlyList<MetricSamples> baselines, string name, double alpha)
    {
        if (candidates.Count != 1 || baselines.Count != 1)
        {
            return new Arms(Finding.Missing(guardrail, spec.Slice, $"{name}: the samples of both candidate and baseline are needed on slice '{spec.Slice}'"), default);
        }

        var increase = spec.Change is ChangeLimit.RelativeIncrease or ChangeLimit.AbsoluteIncrease;
        if (BeyondMeasure.Judge(guardrail, spec.Slice, name, candidates[0].Values, baselines[0].Values, increase, spec.Limit) is { } beyond)
        {
            return new Arms(beyond, default);
        }

        // A sample that is not a number is judged by the threshold's NaN policy, as the fixed-horizon test judges it.
        int notNumbers = candidates[0].Values.Count(v => !double.IsFinite(v)) + baselines[0].Values.Count(v => !double.IsFinite(v));
        if (notNumbers > 0 && spec.Distribution?.WhenNaN == NaNPolicy.Fail)
        {
            return new Arms(Finding.Of(guardrail, Outcome.Fail, spec.Slice, null, spec.Limit, null,
                $"{name}: {notNumbers} samples are not numbers; this guardrail fails on any (WhenNaN = Fail)"), default);
        }

        // Logarithms of positive values. A zero has none, and leaving zeros out of an arm moves it toward the slow side:
        // sound for one decision only. A candidate without zeros may still fail against the baseline's slower rest, and
        // the candidate's slower rest may still pass against a baseline without zeros; the other way the zeros left
        // out could be the whole difference.
        int zc = candidates[0].Values.Count(Unlogged), zb = baselines[0].Values.Count(Unlogged);
        var zeros = $"{zc} candidate and {zb} baseline samples are zero (or below), and a mean of logarithms leaves them out; judge {name} by a percentile (e.g. {name}_p50), which ranks them";
        static bool Unlogged(double v) => double.IsFinite(v) && v <= 0;
        double[] Logs(IReadOnlyList<double> values) => [.. values.Where(v => v > 0 && double.IsFinite(v)).Select(v => Math.Log(v))];
        var c = Logs(candidates[0].Values);
        var b = Logs(baselines[0].Values);
        if (c.Length < 2 || b.Length < 2)
        {
            return new Arms(Finding.Missing(guardrail, spec.Slice, $"{name}: {c.Length} candidate and {b.Length} baseline positive samples; the sequence needs at least two each", Math.Min(c.Length, b.Length)), default);
        }

        var candidate = Arm.Of(c);
        var baseline = Arm.Of(b);
        var shift = Math.Exp(candidate.Mean - baseline.Mean) - 1;
        var estimate = increase ? shift : -shift;
        // Bounds on the difference of log means are bounds on the log of the ratio of geometric means.
        var change = BadDirection(spec.Change, ConfidenceSequence.Difference(candidate, baseline, alpha), logRatio: true);
        return new Arms(null, (change, estimate, Math.Min(c.Length, b.Length)), (increase ? zc : zb) > 0 ? zeros : null, (increase ? zb : zc) > 0 ? zeros : null);
    }

    private static Arms Mean(Guardrail guardrail, RollbackThresholdSpec spec, IReadOnlyList<MetricSamples> candidates, IReadOnlyList<MetricSamples> baselines, double scale, string name, double alpha)
    {
        if (candidates.Count != 1 || baselines.Count != 1)
        {
            return new Arms(Finding.Missing(guardrail, spec.Slice, $"{name}: every request's figure is needed for both candidate and baseline on slice '{spec.Slice}' (a sequence bounds the mean from them; a request without one leaves its role without any)"), default);
        }

        // NaN is what PromQL gives for a step with no requests: left out. A figure infinite or below zero (a step's cost
        // over no requests, a broken query) has no mean to bound, nor has one whose squares overflow: nothing passes on them.
        var largest = Math.Sqrt(double.MaxValue) / scale / 1e6;
        var bad = candidates[0].Values.Concat(baselines[0].Values).Where(v => !double.IsNaN(v) && !(v >= 0 && v <= largest)).Take(1).ToList();
        if (bad.Count > 0)
        {
            return new Arms(Finding.Missing(guardrail, spec.Slice, $"{name}: a request's figure is {Finding.Format(bad[0])}; expected a finite figure from 0 to {Finding.Format(largest)} (is a step's cost divided by no requests?)"), default);
        }

        double[] Scaled(IReadOnlyList<double> values) => [.. values.Where(v => !double.IsNaN(v)).Select(v => v * scale)];
        var c = Scaled(candidates[0].Values);
        var b = Scaled(baselines[0].Values);

        if (c.Length < 2 || b.Length < 2)
        {
            return new Arms(Finding.Missing(guardrail, spec.Slice, $"{name}: {c.Length} candidate and {b.Length} baseline figures; the sequence needs at least two each", Math.Min(c.Length, b.Length)), default);
        }

        Arm candidate = Arm.Of(c), baseline = Arm.Of(b);
        var relative = spec.Change is ChangeLimit.RelativeIncrease or ChangeLimit.RelativeDecrease;
        if (relative && !(baseline.Mean > 0))
        {
            // A relative change over a zero mean is undefined, as in the fixed-horizon judge: say so, never divide by zero.
            return new Arms(Finding.Of(guardrail, Outcome.Fail, spec.Slice, null, spec.Limit, Math.Min(c.Length, b.Length),
                $"{name}: a relative change from a mean of {Finding.Format(baseline.Mean)} to {Finding.Format(candidate.Mean)} is undefined; give this metric an absolute limit"), default);
        }

        if (relative && !(candidate.Mean > 0))
        {
            // A change to nothing has no logarithm to bound; a free candidate is not a regression to roll back either.
            return new Arms(Finding.Missing(guardrail, spec.Slice,
                $"{name}: the candidate's mean is {Finding.Format(candidate.Mean)}, and a relative change to zero cannot be bounded on a log scale; give this metric an absolute limit", Math.Min(c.Length, b.Length)), default);
        }

        var difference = relative
            ? ConfidenceSequence.Difference(Arm.LogMean(candidate), Arm.LogMean(baseline), alpha)
            : ConfidenceSequence.Difference(candidate, baseline, alpha);
        return new Arms(null, (BadDirection(spec.Change, difference, relative), Change(spec.Change, candidate.Mean, baseline.Mean), Math.Min(c.Length, b.Length)));
    }

    private static Arms Percentile(Guardrail guardrail, RollbackThresholdSpec spec, IReadOnlyList<MetricSamples> candidates, IReadOnlyList<MetricSamples> baselines, double percentile, string name, double alpha, Tuning tuning)
    {
        if (candidates.Count != 1 || baselines.Count != 1)
        {
            return new Arms(Finding.Missing(guardrail, spec.Slice, $"{name}: the raw samples of both candidate and baseline are needed on slice '{spec.Slice}' (a sequence bounds a percentile from the samples, not from a reported figure)"), default);
        }

        // NaN is what PromQL gives for a step with nothing measured: left out. An infinite sample (a quantile beyond
        // the last histogram bucket) is kept: it is the slowest there is, and a percentile ranks it so.
        static double[] Sorted(IReadOnlyList<double> values)
        {
            // Array.Sort on doubles, not LINQ's stable Order(): a look sorts every sample of both arms (docs/benchmarks.md).
            var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
            Array.Sort(sorted);
            return sorted;
        }

        var c = Sorted(candidates[0].Values);
        var b = Sorted(baselines[0].Values);
        if (c.Length == 0 || b.Length == 0)
        {
            return new Arms(Finding.Missing(guardrail, spec.Slice, $"{name}: {c.Length} candidate and {b.Length} baseline samples; the sequence needs both"), default);
        }

        // Both arms' samples together bound the change (PercentileIncrease), each bound one-sided at the threshold's
        // error; a decrease, or the lower bound, is the other arm's increase (c/b − 1 ≥ 1/(1 + u) − 1 where b/c − 1 ≤ u).
        // Samples beyond measure cannot be placed on a line of pairs: those looks combine each arm's own bounds at half
        // the error, which keeps an infinite tail an infinite percentile.
        Bounds bounds;
        if (double.IsFinite(c[0]) && double.IsFinite(c[^1]) && double.IsFinite(b[0]) && double.IsFinite(b[^1]))
        {
            bounds = BothWays(
                spec.Change,
                relative => PercentileIncrease.Upper(c, b, percentile, relative, alpha, tuning.Candidate, tuning.Baseline),
                relative => PercentileIncrease.Upper(b, c, percentile, relative, alpha, tuning.Baseline, tuning.Candidate));
        }
        else
        {
            var candidate = ConfidenceSequence.Percentile(c, percentile, alpha / 2, tuning.Candidate);
            var baseline = ConfidenceSequence.Percentile(b, percentile, alpha / 2, tuning.Baseline);
            var relative = new Bounds(
                candidate.Lower > 0 && double.IsFinite(baseline.Upper) ? (candidate.Lower / baseline.Upper) - 1 : -1,
                baseline.Lower > 0 && double.IsFinite(candidate.Upper) ? (candidate.Upper / baseline.Lower) - 1 : double.PositiveInfinity);
            bounds = spec.Change switch
            {
                ChangeLimit.RelativeIncrease => relative,
                ChangeLimit.AbsoluteIncrease => new Bounds(candidate.Lower - baseline.Upper, candidate.Upper - baseline.Lower),
                ChangeLimit.RelativeDecrease => relative.Negated,
                _ => new Bounds(baseline.Lower - candidate.Upper, baseline.Upper - candidate.Lower),
            };
        }

        return new Arms(null, (bounds, Change(spec.Change, LinearPercentile.Of(c, percentile), LinearPercentile.Of(b, percentile)), Math.Min(c.Length, b.Length)), Split: (c.Length, b.Length));
    }

    private static string Format(double value, ChangeLimit change)
    {
        var relative = change is ChangeLimit.RelativeIncrease or ChangeLimit.RelativeDecrease;
        // A relative change past 1e306 is infinite in percent: the same sign as the rest.
        var shown = relative ? value * 100 : value;
        return double.IsInfinity(shown) ? (shown > 0 ? "∞" : "−∞")
            : relative ? Finding.Format(Math.Round(shown, 2)) + " %"
            : Finding.Format(shown);
    }
}
