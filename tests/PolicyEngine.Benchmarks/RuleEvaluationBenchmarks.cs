using System.Globalization;
using BenchmarkDotNet.Attributes;
using PolicyEngine.Evaluation;
using RulesEngine.Models;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// One decision — 100 guardrails over 1,000 slice facts — three ways: our generated NRules rules, the same
/// rules as a Microsoft RulesEngine 6 workflow, and hand-written C# (the floor). Each builds one result per
/// guardrail from the same facts; the setup checks that all three agree before anything is timed.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private const int Guardrails = 100;
    private PolicyPack _pack = null!;
    private List<object> _facts = [];
    private RulesEngine.RulesEngine _engine = null!;

    /// <summary>Builds the pack, the workflow and the facts, and checks the three agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _pack = SyntheticPack.Build(Guardrails);
        _facts = SyntheticPack.Facts();
        var rules = Enumerable.Range(0, Guardrails).Select(i => new Rule
        {
            RuleName = $"g{i}",
            RuleExpressionType = RuleExpressionType.LambdaExpression,
            Expression = SyntheticPack.IsLatency(i)
                ? string.Create(CultureInfo.InvariantCulture, $"metrics[\"{SyntheticPack.SliceOf(i)}\"].P95 <= {SyntheticPack.ThresholdOf(i)}")
                : string.Create(CultureInfo.InvariantCulture, $"metrics[\"{SyntheticPack.SliceOf(i)}\"].UsdPer1kRequests <= {SyntheticPack.ThresholdOf(i)}"),
        }).ToList();
        _engine = new RulesEngine.RulesEngine([new Workflow { WorkflowName = "guardrails", Rules = rules }], new ReSettings());

        var passes = (GeneratedNRules(), RulesEngineWorkflow(), HandWritten());
        if (passes.Item1 != passes.Item2 || passes.Item2 != passes.Item3 || passes.Item1 is 0 or Guardrails)
        {
            throw new InvalidOperationException($"the three disagree or judge trivially: NRules {passes.Item1}, RulesEngine {passes.Item2}, C# {passes.Item3} passes of {Guardrails}");
        }
    }

    /// <summary>Our generated rules in a new session of the compiled pack.</summary>
    [Benchmark]
    public int GeneratedNRules() => CompiledPack.For(_pack).Evaluate(_facts).Count(f => f.Outcome == Outcome.Pass);

    /// <summary>The same guardrails as a RulesEngine workflow over the facts indexed by slice.</summary>
    [Benchmark]
    public int RulesEngineWorkflow()
    {
        var metrics = _facts.OfType<SliceMetrics>().Where(m => m.Role == Role.Candidate)
            .ToDictionary(m => m.Slice, m => new SliceRow(m.Latency.At(95) ?? double.NaN, m.UsdPer1kRequests ?? double.NaN));
        var results = _engine.ExecuteAllRulesAsync("guardrails", new RuleParameter("metrics", metrics)).GetAwaiter().GetResult();
        return results.Count(r => r.IsSuccess);
    }

    /// <summary>Hand-written C#: index the facts, look each guardrail's slice up, compare.</summary>
    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        var bySlice = new Dictionary<string, SliceMetrics>(StringComparer.Ordinal);
        foreach (var fact in _facts)
        {
            if (fact is SliceMetrics { Role: Role.Candidate } m)
            {
                bySlice[m.Slice] = m;
            }
        }

        var findings = new List<Finding>(Guardrails);
        foreach (var guardrail in _pack.Guardrails)
        {
            var i = int.Parse(guardrail.Member.AsSpan(1), CultureInfo.InvariantCulture);
            var m = bySlice[guardrail.Slice];
            var observed = SyntheticPack.IsLatency(i) ? m.Latency.At(95)!.Value : m.UsdPer1kRequests!.Value;
            var threshold = SyntheticPack.ThresholdOf(i);
            findings.Add(Finding.Judge(guardrail, observed <= threshold, guardrail.Slice, observed, threshold, m.Requests, "hand-written"));
        }

        return findings.Count(f => f.Outcome == Outcome.Pass);
    }

    /// <summary>What the RulesEngine expressions read.</summary>
    /// <param name="P95">P95 latency.</param>
    /// <param name="UsdPer1kRequests">Cost per 1k requests.</param>
    public sealed record SliceRow(double P95, double UsdPer1kRequests);
}
