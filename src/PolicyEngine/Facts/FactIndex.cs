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
    private readonly Dictionary<(string, string), SequenceFloor> _floors = [];

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
                    if (Add(index._telemetry, (m.Role, m.Slice), m) > 1)
                    {
                        index.DuplicateTelemetry ??= m;
                    }

                    AddLiveQuality(index._quality, m);
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
                case SequenceFloor f:
                    // Of several earlier counts, the highest is the floor.
                    if (!index._floors.TryGetValue((f.GuardrailId, f.Slice), out var floor) || f.Samples > floor.Samples)
                    {
                        index._floors[(f.GuardrailId, f.Slice)] = f;
                    }

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

    /// <summary>The slices (other than <c>all</c>) on which <paramref name="role"/> has the quality metric on a layer, in ordinal order.</summary>
    public IReadOnlyList<string> QualitySlices(Role role, BenchmarkLayer layer, string metric) =>
        [.. _quality.Keys.Where(k => k.Item1 == role && k.Item2 == layer && k.Item4 == metric && k.Item3 != Specs.Slices.All).Select(k => k.Item3).Order(StringComparer.Ordinal)];

    /// <summary>The benchmark layers on which <paramref name="role"/> has any quality metric.</summary>
    public IReadOnlySet<BenchmarkLayer> QualityLayers(Role role) =>
        _quality.Keys.Where(k => k.Item1 == role).Select(k => k.Item2).ToHashSet();

    /// <summary>The raw samples of <paramref name="metric"/> for <paramref name="role"/> on <paramref name="slice"/>: empty when there are none.</summary>
    public IReadOnlyList<MetricSamples> Samples(Role role, string slice, SampledMetric metric) =>
        _samples.TryGetValue((role, slice, metric), out var facts) ? facts : [];

    /// <summary>A second telemetry fact for a role and slice that already had one, or null: the loader erred (evaluation refuses it).</summary>
    internal SliceMetrics? DuplicateTelemetry { get; private set; }

    /// <summary>The most samples <paramref name="guardrailId"/> counted on <paramref name="slice"/> at an earlier decision on the same canary, or null.</summary>
    public SequenceFloor? Floor(string guardrailId, string slice) =>
        _floors.TryGetValue((guardrailId, slice), out var floor) ? floor : null;

    /// <summary>Passed decisions on earlier releases of the model, newest first.</summary>
    public IReadOnlyList<PastDecision> History => _history;

    /// <summary>
    /// The <see cref="BenchmarkLayer.Live"/> layer: quality measured on labeled live traffic, read from the
    /// request telemetry (accuracy and hallucination rate over the labeled rows, calibration error over the rows
    /// with a confidence), so a quality floor on the live
    /// layer judges what users actually got. A slice without labels has no live quality: missing data.
    /// </summary>
    private static void AddLiveQuality(Dictionary<(Role, BenchmarkLayer, string, string), List<QualityMetric>> quality, SliceMetrics m)
    {
        if (m.LabeledRequests <= 0)
        {
            return;
        }

        if (m.Accuracy is { } accuracy)
        {
            Add(quality, (m.Role, BenchmarkLayer.Live, m.Slice, "accuracy"), new QualityMetric(m.Role, BenchmarkLayer.Live, m.Slice, "accuracy", accuracy, m.LabeledRequests));
        }

        if (m.HallucinationRate is { } hallucination)
        {
            Add(quality, (m.Role, BenchmarkLayer.Live, m.Slice, "hallucination_rate"), new QualityMetric(m.Role, BenchmarkLayer.Live, m.Slice, "hallucination_rate", hallucination, m.LabeledRequests));
        }

        if (m.CalibrationError is { } calibration && m.CalibratedRequests > 0)
        {
            Add(quality, (m.Role, BenchmarkLayer.Live, m.Slice, "calibration_error"), new QualityMetric(m.Role, BenchmarkLayer.Live, m.Slice, "calibration_error", calibration, m.CalibratedRequests));
        }
    }

    /// <summary>Files <paramref name="fact"/> under <paramref name="key"/>; returns how many facts the key now holds.</summary>
    private static int Add<TKey, TFact>(Dictionary<TKey, List<TFact>> map, TKey key, TFact fact)
        where TKey : notnull
    {
        ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(map, key, out _);
        (list ??= new List<TFact>(1)).Add(fact);
        return list.Count;
    }
}
