namespace PolicyEngine.Evaluation;

/// <summary>
/// Every guardrail of one assembly, as the generator listed them: the runtime loads exactly these rule
/// types and never scans an assembly. One generated subclass per guardrail assembly.
/// </summary>
public abstract class PolicyPack
{
    /// <summary>The pack's name: the guardrail assembly's name.</summary>
    public abstract string Name { get; }

    /// <summary>The SHA-256 of <see cref="CanonicalForm"/> (<c>sha256:</c> and hex): the policy version an audit cites.</summary>
    public abstract string Fingerprint { get; }

    /// <summary>
    /// What the guardrails enforce, one JSON object per line — every guardrail's kind, thresholds, stages,
    /// severity, missing-data rule, owner (and a custom guardrail's body), then each scorecard — without the
    /// wording of requirements or rationales (docs/architecture.md, "The policy fingerprint").
    /// </summary>
    public abstract string CanonicalForm { get; }

    /// <summary>Every guardrail, ordered by id.</summary>
    public abstract IReadOnlyList<Guardrail> Guardrails { get; }

    /// <summary>Creates the NRules rules, each constructed explicitly by generated code: nothing is found by reflection.</summary>
    public abstract IReadOnlyList<NRules.Fluent.Dsl.Rule> CreateRules();

    /// <summary>
    /// The latency and TTFT percentiles the guardrails read (always including 50, 90, 95 and 99), ascending:
    /// what a telemetry loader must compute so no guardrail finds its percentile missing.
    /// </summary>
    public abstract IReadOnlyList<double> LatencyPercentiles { get; }

    /// <summary>Raw samples the pack's distribution rollback thresholds compare; empty when none does.</summary>
    public virtual IReadOnlyList<SampleDemand> SampledMetrics => [];

    /// <summary>The scorecards of the pack's policies that declare metric groups.</summary>
    public virtual IReadOnlyList<Scorecard> Scorecards => [];

    /// <summary>The most past decisions any guardrail compares with (<see cref="RollbackThresholdAttribute.HistoryCount"/>); 0 when none does.</summary>
    public virtual int HistoryDepth => 0;

    /// <summary>The confidence bins a telemetry loader computes expected calibration error over (<see cref="GuardrailPolicyAttribute.CalibrationBins"/>).</summary>
    public virtual int CalibrationBins => 10;

    /// <summary>The rule docs in Markdown, for auditors.</summary>
    public abstract string RuleDocs { get; }

    /// <summary>The guardrail with the id, or null.</summary>
    public Guardrail? Find(string id)
    {
        // Built once: the decision looks up every finding's guardrail when a policy is scored. A benign race
        // at most builds it twice. The generator refuses duplicate ids; a hand-written pack keeps its first.
        _byId ??= Guardrails.GroupBy(g => g.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _byId.GetValueOrDefault(id);
    }

    private Dictionary<string, Guardrail>? _byId;
}
