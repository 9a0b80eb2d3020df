using System.Collections.Concurrent;
using NRules;
using NRules.Fluent;

namespace PolicyEngine.Evaluation;

/// <summary>
/// A pack compiled once into an NRules session factory; each evaluation is a cheap new session over it.
/// </summary>
public sealed class CompiledPack
{
    private static readonly ConcurrentDictionary<Type, Lazy<CompiledPack>> Cache = new();

    private readonly ISessionFactory _factory;

    /// <summary>Whether a rule matches slice facts one by one: only custom guardrails do; the typed kinds read the index.</summary>
    private readonly bool _matchesSliceFacts;

    private CompiledPack(PolicyPack pack)
    {
        var definitions = new RuleDefinitionFactory().Create(pack.CreateRules());
        _factory = new RuleCompiler { ExpressionCompiler = new FastRuleExpressionCompiler() }.Compile(definitions);
        Pack = pack;
        _matchesSliceFacts = pack.Guardrails.Any(g => g.Kind == GuardrailKind.Custom);
    }

    /// <summary>The pack the rules came from.</summary>
    public PolicyPack Pack { get; }

    /// <summary>The compiled policy for the pack, compiled on first use and shared after.</summary>
    public static CompiledPack For(PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Cache.GetOrAdd(pack.GetType(), _ => new Lazy<CompiledPack>(() => new CompiledPack(pack))).Value;
    }

    /// <summary>Compiles the pack afresh, bypassing the cache: what the first <see cref="For"/> of a pack costs.</summary>
    public static CompiledPack Compile(PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return new CompiledPack(pack);
    }

    /// <summary>
    /// Evaluates the facts. They must hold exactly one <see cref="RolloutContext"/>; guardrails of other stages
    /// yield no finding. Returns the findings ordered by guardrail id and slice.
    /// </summary>
    /// <exception cref="ArgumentException">There is not exactly one rollout context, its stage is not exactly one stage, a fact is null, or two facts describe one subject.</exception>
    public IReadOnlyList<Finding> Evaluate(IEnumerable<object> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var list = facts as List<object> ?? facts.ToList();
        // One pass for the checks: a decision's facts are a thousand slices, and each pass over them shows in its cost.
        RolloutContext? context = null;
        var contexts = 0;
        foreach (var fact in list)
        {
            switch (fact)
            {
                case null:
                    throw new ArgumentException("a fact is null", nameof(facts));
                case RolloutContext c:
                    context = c;
                    contexts++;
                    break;
                case FactIndex:
                    throw new ArgumentException("the facts include a FactIndex; it is built from the facts, not given", nameof(facts));
            }
        }

        if (contexts != 1)
        {
            throw new ArgumentException($"expected exactly one RolloutContext among the facts, found {contexts}", nameof(facts));
        }

        if (context!.Stage is not (Stages.Offline or Stages.Canary or Stages.Full))
        {
            throw new ArgumentException($"the rollout is in one stage (Offline, Canary or Full), not '{context.Stage}'", nameof(facts));
        }

        var index = FactIndex.Of(list);
        RejectDuplicates(list, index);
        var session = _factory.CreateSession();
        // Telemetry and quality facts reach the typed rules through the index; inserting a thousand slice facts
        // that no rule matches one by one would cost more than the whole evaluation (docs/benchmarks.md).
        session.InsertAll(list.Where(f => f is not (SliceMetrics or QualityMetric or MetricSamples or PastDecision or SequenceFloor) || (f is SliceMetrics && _matchesSliceFacts)));
        session.Insert(index);
        var sink = new FindingSink();
        session.DependencyResolver = sink;
        session.Fire();
        return sink.Findings
            .OrderBy(f => f.GuardrailId, StringComparer.Ordinal)
            .ThenBy(f => f.Slice, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Two facts about one subject leave no single truth to judge; the loader erred, so evaluation refuses.</summary>
    private static void RejectDuplicates(List<object> facts, FactIndex index)
    {
        // Telemetry, a thousand slices, is checked through the index it was just filed in; the other kinds are few.
        object? duplicate = index.DuplicateTelemetry;
        if (duplicate is null)
        {
            var seen = new HashSet<(int Kind, Role Role, string Slice, string Metric, int Layer, long Number, Guid Id)>();
            foreach (var fact in facts)
            {
                var subject = fact switch
                {
                    QualityMetric q => (2, q.Role, q.Slice, q.Metric, (int)q.Layer, 0L, Guid.Empty),
                    ProbeMeasurement p => (3, default, "", "", 0, p.BatchSize, Guid.Empty),
                    MetricSamples s => (4, s.Role, s.Slice, "", (int)s.Metric, 0L, Guid.Empty),
                    PastDecision d => (5, default, "", "", 0, 0L, d.DecisionId),
                    _ => ((int Kind, Role Role, string Slice, string Metric, int Layer, long Number, Guid Id)?)null,
                };
                if (subject is { } key && !seen.Add(key))
                {
                    duplicate = fact;
                    break;
                }
            }
        }

        if (duplicate is not null)
        {
            // Words are made only for the one duplicate reported.
            var count = facts.Count(f => Subject(f) == Subject(duplicate));
            throw new ArgumentException($"{count} facts give the {Subject(duplicate)}; expected one", nameof(facts));
        }
    }

    private static string? Subject(object fact) => fact switch
    {
        SliceMetrics m => $"telemetry of the {m.Role} on slice '{m.Slice}'",
        QualityMetric q => $"{q.Metric} of the {q.Role} on the {q.Layer} layer, slice '{q.Slice}'",
        ProbeMeasurement p => $"probe measurement at batch {p.BatchSize}",
        MetricSamples s => $"{s.Metric} samples of the {s.Role} on slice '{s.Slice}'",
        PastDecision d => $"past decision {d.DecisionId}",
        _ => null,
    };
}
