using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="RollbackThresholdAttribute">rollback threshold</see>.</summary>
public static class RollbackThresholdCheck
{
    /// <summary>
    /// Compares the candidate's figure on the guardrail's slice with the baseline's, with the last passed
    /// decisions (<see cref="RollbackThresholdSpec.History"/>), or — for a whole distribution — ranks the samples
    /// (<see cref="DistributionCheck"/>).
    /// </summary>
    /// <param name="guardrail">The guardrail.</param>
    /// <param name="spec">What it demands.</param>
    /// <param name="facts">The evaluation's indexed facts.</param>
    public static Finding Evaluate(Guardrail guardrail, RollbackThresholdSpec spec, FactIndex facts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        var name = TelemetryMetrics.Name(spec.Metric);
        if (spec.Sequential is { } sequential)
        {
            return SequentialCheck.Evaluate(guardrail, spec, sequential, facts);
        }

        if (spec.Distribution is { } distribution)
        {
            var sampled = TelemetryMetrics.Sampled(spec.Metric)
                ?? throw new ArgumentException($"{name} is not a distribution; a distribution threshold ranks latency or ttft", nameof(spec));
            return DistributionCheck.Evaluate(guardrail, facts.Samples(Role.Candidate, spec.Slice, sampled), facts.Samples(Role.Baseline, spec.Slice, sampled),
                name, distribution, spec.MinSamples);
        }

        double? Read(SliceMetrics m) => TelemetryMetrics.Read(spec.Metric, m);
        long Samples(SliceMetrics m) => TelemetryMetrics.Samples(spec.Metric, m);
        var candidate = facts.Telemetry(Role.Candidate, spec.Slice);
        return spec.History is { } history
            ? AgainstHistory(guardrail, candidate, facts.History, name, Read, Samples, spec.Change, spec.Limit, spec.MinSamples, history.Count, history.Percentile ?? double.NaN)
            : AgainstBaseline(guardrail, candidate, facts.Telemetry(Role.Baseline, spec.Slice), name, Read, Samples, spec.Change, spec.Limit, spec.MinSamples);
    }

    private static Finding AgainstBaseline(
        Guardrail guardrail,
        IEnumerable<SliceMetrics> candidate,
        IEnumerable<SliceMetrics> baseline,
        string metric,
        Func<SliceMetrics, double?> read,
        Func<SliceMetrics, long> samples,
        ChangeLimit change,
        double limit,
        int minSamples) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            if (!GuardrailRun.TryTakeOne(guardrail, slice, candidate, "candidate telemetry", out var cand, out var missing)
                || !GuardrailRun.TryTakeOne(guardrail, slice, baseline, "baseline telemetry", out var basis, out missing))
            {
                return missing!;
            }

            long candidateSamples = samples(cand), baselineSamples = samples(basis);
            if (candidateSamples < minSamples || baselineSamples < minSamples)
            {
                return Finding.Missing(guardrail, slice,
                    $"{metric}: {candidateSamples} candidate and {baselineSamples} baseline samples, {minSamples} needed on each side",
                    Math.Min(candidateSamples, baselineSamples));
            }

            if (read(cand) is not { } candValue || read(basis) is not { } baseValue)
            {
                return Finding.Missing(guardrail, slice, $"{metric} was not measured for both candidate and baseline", candidateSamples);
            }

            return Compare(guardrail, slice, metric, Checked.Number(candValue, $"candidate {metric}"), Checked.Number(baseValue, $"baseline {metric}"), "baseline", change, limit, candidateSamples);
        });

    /// <summary>
    /// Compares the candidate's metric with a figure from the last <paramref name="count"/> passed decisions on
    /// earlier versions of the model: their mean, or the <paramref name="percentile"/> of their values.
    /// </summary>
    /// <param name="guardrail">The guardrail.</param>
    /// <param name="candidate">The candidate's telemetry on the slice.</param>
    /// <param name="history">Passed decisions on earlier versions, newest first.</param>
    /// <param name="metric">The metric's name, for the reason line.</param>
    /// <param name="read">Reads the metric from telemetry.</param>
    /// <param name="samples">Reads how many samples the metric rests on.</param>
    /// <param name="change">How the change is limited.</param>
    /// <param name="limit">The limit.</param>
    /// <param name="minSamples">Fewest samples the candidate needs.</param>
    /// <param name="count">How many past decisions to compare with; fewer on record leave the finding inconclusive.</param>
    /// <param name="percentile">The percentile (0–100) of the past values, or NaN for their mean.</param>
    private static Finding AgainstHistory(
        Guardrail guardrail,
        IEnumerable<SliceMetrics> candidate,
        IReadOnlyList<PastDecision> history,
        string metric,
        Func<SliceMetrics, double?> read,
        Func<SliceMetrics, long> samples,
        ChangeLimit change,
        double limit,
        int minSamples,
        int count,
        double percentile) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            if (!GuardrailRun.TryTakeOne(guardrail, slice, candidate, "candidate telemetry", out var cand, out var missing))
            {
                return missing!;
            }

            var candidateSamples = samples(cand);
            if (candidateSamples < minSamples)
            {
                return Finding.Missing(guardrail, slice, $"{metric}: {candidateSamples} candidate samples, {minSamples} needed", candidateSamples);
            }

            if (read(cand) is not { } candValue)
            {
                return Finding.Missing(guardrail, slice, $"{metric} was not measured for the candidate", candidateSamples);
            }

            // A past decision counts only where it measured this metric on this slice as a finite figure: a hole is
            // not a zero, and one infinite cost per correct answer would make every candidate look cheaper.
            var past = history
                .Select(d => (Decision: d, Value: d.Telemetry.Where(m => m.Role == Role.Candidate && m.Slice == slice).Select(read).FirstOrDefault()))
                .Where(p => p.Value is { } v && double.IsFinite(v))
                .Take(count)
                .ToList();
            if (past.Count < count)
            {
                return Finding.Missing(guardrail, slice,
                    $"{metric}: {past.Count} passed decisions on earlier versions measured it on slice '{slice}', {count} needed", candidateSamples);
            }

            var values = past.Select(p => p.Value!.Value).ToArray();
            var reference = double.IsNaN(percentile) ? values.Average() : Statistics.LinearPercentile.Of(values.Order().ToArray(), percentile);
            var what = $"{(double.IsNaN(percentile) ? "mean" : $"P{Finding.Format(percentile)}")} of the last {count} passed decisions ({string.Join(", ", past.Select(p => p.Decision.Version).Distinct())})";
            return Compare(guardrail, slice, metric, Checked.Number(candValue, $"candidate {metric}"), reference, what, change, limit, candidateSamples);
        });

    private static Finding Compare(Guardrail guardrail, string slice, string metric, double value, double reference, string against, ChangeLimit change, double limit, long candidateSamples)
    {
        var increase = change is ChangeLimit.RelativeIncrease or ChangeLimit.AbsoluteIncrease;
        var worsening = increase ? value - reference : reference - value;
        var relative = change is ChangeLimit.RelativeIncrease or ChangeLimit.RelativeDecrease;
        var direction = increase ? "increase" : "decrease";
        var compared = $"{metric} {Finding.Format(value)} vs {against} {Finding.Format(reference)}";

        if (relative && reference == 0)
        {
            // A relative change against zero is undefined, even from zero to zero: nothing was compared, so
            // nothing passes. An absolute limit is what a metric that can be zero needs.
            return Finding.Of(guardrail, Outcome.Fail, slice, value, limit, candidateSamples,
                $"{compared}: a relative {direction} from a zero baseline is undefined; give this metric an absolute limit (MaxAbsolute{(increase ? "Increase" : "Decrease")})");
        }

        var observed = relative ? worsening / Math.Abs(reference) : worsening;
        var holds = observed <= limit;
        string Shown(double v) => relative ? $"{Finding.Format(v * 100)} %" : Finding.Format(v);
        var allowed = relative ? $"{Finding.Format(limit * 100)} %" : Finding.Format(limit);
        // A change for the better reads as what it is, not as a negative worsening.
        var moved = observed < 0 ? $"{(increase ? "decrease" : "increase")} of {Shown(-observed)} (better)" : $"{direction} of {Shown(observed)}";
        return Finding.Judge(guardrail, holds, slice, observed, limit, candidateSamples,
            $"{compared}: {moved} {(holds ? "is within" : "exceeds")} the allowed {direction} of {allowed}");
    }
}
