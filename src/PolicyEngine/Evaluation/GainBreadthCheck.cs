using System.Globalization;
using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="GainBreadthAttribute">breadth-of-gain</see> guardrail.</summary>
public static class GainBreadthCheck
{
    /// <summary>
    /// Counts the slices (other than <c>all</c>) where both candidate and baseline have the metric on the layer and
    /// the candidate is better by at least the margin; passes when the count reaches the spec's minimum.
    /// </summary>
    public static Finding Evaluate(Guardrail guardrail, GainBreadthSpec spec, FactIndex facts)
    {
        ArgumentNullException.ThrowIfNull(guardrail);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        return GuardrailRun.Safely(guardrail, Slices.All, () =>
        {
            var gains = new List<(string Slice, double Gain)>();
            foreach (var slice in facts.QualitySlices(Role.Candidate, spec.Layer, spec.Metric))
            {
                var candidate = facts.Quality(Role.Candidate, spec.Layer, slice, spec.Metric);
                var baseline = facts.Quality(Role.Baseline, spec.Layer, slice, spec.Metric);
                if (candidate.Count != 1 || baseline.Count != 1)
                {
                    // Unmeasured on one side (or measured twice, which the loaders refuse): not a slice either way.
                    continue;
                }

                var c = Checked.Number(candidate[0].Value, $"candidate {spec.Metric} on slice '{slice}'");
                var b = Checked.Number(baseline[0].Value, $"baseline {spec.Metric} on slice '{slice}'");
                gains.Add((slice, spec.HigherIsBetter ? c - b : b - c));
            }

            var layer = LayerName.Of(spec.Layer);
            if (gains.Count == 0)
            {
                return Finding.Missing(guardrail, Slices.All, $"no slice has {spec.Metric} for both candidate and baseline on the {layer} layer: breadth cannot be judged");
            }

            // A margin of 0 asks for any gain; a negative one is a tolerance (held within it of the baseline).
            var gained = gains.Where(g => spec.MinMargin == 0 ? g.Gain > 0 : g.Gain >= spec.MinMargin).ToList();
            var needed = Math.Max(spec.MinSlices, spec.MinShare is { } share ? (int)Math.Ceiling(share * gains.Count - 1e-9) : 0);
            var holds = gained.Count >= needed;
            var what = spec.MinMargin < 0 ? $"held within {Finding.Format(-spec.MinMargin)} of the baseline"
                : spec.MinMargin > 0 ? $"improved by at least {Finding.Format(spec.MinMargin)}" : "improved";
            var listed = string.Join(", ", gains.OrderByDescending(g => g.Gain).ThenBy(g => g.Slice, StringComparer.Ordinal)
                .Take(8).Select(g => $"{g.Slice} {Signed(g.Gain)}"));
            var more = gains.Count > 8 ? $", and {gains.Count - 8} more" : "";
            return Finding.Judge(guardrail, holds, Slices.All, gained.Count, needed, gains.Count,
                $"{spec.Metric} ({layer}) {what} on {gained.Count} of {gains.Count} slices, {needed} needed" +
                (holds ? "" : spec.MinMargin < 0 ? $": {gains.Count - gained.Count} regressed further" : gained.Count <= 1 ? ": the gain is confined, not broad" : ": the gain is not broad enough")
                + $" (gain by slice: {listed}{more})");
        });
    }

    private static string Signed(double value) =>
        Math.Round(value, 4) == 0 ? "±0" : (value > 0 ? "+" : "−") + Math.Abs(value).ToString("0.####", CultureInfo.InvariantCulture);
}
