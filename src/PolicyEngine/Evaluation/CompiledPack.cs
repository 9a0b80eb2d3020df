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
        var list = facts.ToList();
        if (list.Any(f => f is null))
        {
            throw new ArgumentException("a fact is null", nameof(facts));
        }

        var contexts = list.OfType<RolloutContext>().ToList();
        if (contexts.Count != 1)
        {
            throw new ArgumentException($"expected exactly one RolloutContext among the facts, found {contexts.Count}", nameof(facts));
        }

        if (contexts[0].Stage is not (Stages.Offline or Stages.Canary or Stages.Full))
        {
            throw new ArgumentException($"the rollout is in one stage (Offline, Canary or Full), not '{contexts[0].Stage}'", nameof(facts));
        }

        if (list.Any(f => f is FactIndex))
        {
            throw new ArgumentException("the facts include a FactIndex; it is built from the facts, not given", nameof(facts));
        }

        RejectDuplicates(list);
        var index = FactIndex.Of(list);
        var session = _factory.CreateSession();
        // Telemetry and quality facts reach the typed rules through the index; inserting a thousand slice facts
        // that no rule matches one by one would cost more than the whole evaluation (docs/benchmarks.md).
        session.InsertAll(list.Where(f => f is not (SliceMetrics or QualityMetric or MetricSamples or PastDecision) || (f is SliceMetrics && _matchesSliceFacts)));
        session.Insert(index);
        session.Fire();
        return session.Query<Finding>()
            .OrderBy(f => f.GuardrailId, StringComparer.Ordinal)
            .ThenBy(f => f.Slice, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Two facts about one subject leave no single truth to judge; the loader erred, so evaluation refuses.</summary>
    private static void RejectDuplicates(List<object> facts)
    {
        var duplicate = facts
            .Select(f => f switch
            {
                SliceMetrics m => $"telemetry of the {m.Role} on slice '{m.Slice}'",
                QualityMetric q => $"{q.Metric} of the {q.Role} on the {q.Layer} layer, slice '{q.Slice}'",
                ProbeMeasurement p => $"probe measurement at batch {p.BatchSize}",
                MetricSamples s => $"{s.Metric} samples of the {s.Role} on slice '{s.Slice}'",
                PastDecision d => $"past decision {d.DecisionId}",
                _ => null,
            })
            .Where(key => key is not null)
            .GroupBy(key => key)
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{duplicate.Count()} facts give the {duplicate.Key}; expected one", nameof(facts));
        }
    }
}
