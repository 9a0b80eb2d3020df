namespace PolicyEngine;

/// <summary>
/// The telemetry and quality facts of one evaluation, indexed by subject. <see cref="Evaluation.CompiledPack"/>
/// builds it from the facts and inserts it beside them; the generated rules of the typed kinds match this one
/// fact and look their slice up, instead of each filtering every slice fact. A pack of hundreds of guardrails
/// over a thousand slices therefore costs one lookup per guardrail, not a condition per guardrail per fact,
/// and its rules share their conditions (docs/benchmarks.md).
/// </summary>
public sealed class FactIndex : IFact
{
    private readonly Dictionary<(Role, string), List<SliceMetrics>> _telemetry = [];
    private readonly Dictionary<(Role, BenchmarkLayer, string, string), List<QualityMetric>> _quality = [];
    private readonly Dictionary<(Role, string, SampledMetric), List<MetricSamples>> _samples = [];
    private readonly List<PastDecision> _history = [];

    private FactIndex()
    {
    }

    /// <summary>Indexes the telemetry and quality facts among <paramref name="facts"/>.</summary>
    public static FactIndex Of(IEnumerable<object> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var index = new FactIndex();
        foreach (var fact in facts)
        {
            switch (fact)
            {
                case SliceMetrics m:
                    Add(index._telemetry, (m.Role, m.Slice), m);
                    foreach (var live in LiveQuality(m))
                    {
                        Add(index._quality, (live.Role, live.Layer, live.Slice, live.Metric), live);
                    }

                    break;
                case QualityMetric q:
                    Add(index._quality, (q.Role, q.Layer, q.Slice, q.Metric), q);
                    break;
                case MetricSamples s:
                    Add(index._samples, (s.Role, s.Slice, s.Metric), s);
                    break;
                case PastDecision d:
                    index._history.Add(d);
                    break;
            }
        }

        // Newest first: "the last N" are the first N.
        index._history.Sort((a, b) => b.DecidedAt.CompareTo(a.DecidedAt));
        return index;
    }

    /// <summary>The telemetry of <paramref name="role"/> on <paramref name="slice"/>: empty when there is none.</summary>
    public IReadOnlyList<SliceMetrics> Telemetry(Role role, string slice) =>
        _telemetry.TryGetValue((role, slice), out var facts) ? facts : [];

    /// <summary>The quality metric of <paramref name="role"/> on a layer and slice: empty when there is none.</summary>
    public IReadOnlyList<QualityMetric> Quality(Role role, BenchmarkLayer layer, string slice, string metric) =>
        _quality.TryGetValue((role, layer, slice, metric), out var facts) ? facts : [];

    /// <summary>The raw samples of <paramref name="metric"/> for <paramref name="role"/> on <paramref name="slice"/>: empty when there are none.</summary>
    public IReadOnlyList<MetricSamples> Samples(Role role, string slice, SampledMetric metric) =>
        _samples.TryGetValue((role, slice, metric), out var facts) ? facts : [];

    /// <summary>Passed decisions on earlier releases of the model, newest first.</summary>
    public IReadOnlyList<PastDecision> History => _history;

    /// <summary>
    /// The <see cref="BenchmarkLayer.Live"/> layer: quality measured on labeled live traffic, read from the
    /// request telemetry (accuracy and hallucination rate over the labeled rows), so a quality floor on the live
    /// layer judges what users actually got. A slice without labels has no live quality: missing data.
    /// </summary>
    private static IEnumerable<QualityMetric> LiveQuality(SliceMetrics m)
    {
        if (m.LabeledRequests <= 0)
        {
            yield break;
        }

        if (m.Accuracy is { } accuracy)
        {
            yield return new QualityMetric(m.Role, BenchmarkLayer.Live, m.Slice, "accuracy", accuracy, m.LabeledRequests);
        }

        if (m.HallucinationRate is { } hallucination)
        {
            yield return new QualityMetric(m.Role, BenchmarkLayer.Live, m.Slice, "hallucination_rate", hallucination, m.LabeledRequests);
        }
    }

    private static void Add<TKey, TFact>(Dictionary<TKey, List<TFact>> map, TKey key, TFact fact)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(fact);
    }
}
