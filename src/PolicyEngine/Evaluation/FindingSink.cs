using NRules.Extensibility;
using NRules.RuleModel;

namespace PolicyEngine.Evaluation;

/// <summary>
/// Where one evaluation's rules put their findings. A finding is an outcome, not a fact any rule matches:
/// inserting each into the session's working memory, then querying them back, was most of a decision's cost
/// (docs/benchmarks.md). The sink is the session's dependency resolver, so a rule's action reaches its own
/// session's sink through <see cref="IContext.Resolve"/> and nothing is shared between sessions.
/// </summary>
public sealed class FindingSink : IDependencyResolver
{
    private readonly List<Finding> _findings = [];

    /// <summary>The findings reported so far, in the order the rules fired.</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Called by generated rule actions: reports <paramref name="finding"/> to the sink of the session that fired.</summary>
    /// <param name="context">The firing rule's context.</param>
    /// <param name="finding">The finding.</param>
    /// <exception cref="InvalidOperationException">The session has no sink: it was not created by <see cref="CompiledPack.Evaluate"/>.</exception>
    public static void Report(IContext context, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(finding);
        var sink = context.Resolve(typeof(FindingSink)) as FindingSink
            ?? throw new InvalidOperationException("the session has no finding sink; evaluate packs with CompiledPack.Evaluate");
        sink._findings.Add(finding);
    }

    /// <inheritdoc/>
    object IDependencyResolver.Resolve(IResolutionContext context, Type serviceType) =>
        serviceType == typeof(FindingSink) ? this : throw new InvalidOperationException($"a guardrail rule asked for {serviceType}; rules may only report findings");
}
