using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Gate.Tests;

/// <summary>A policy's score is shown in the decision: the record carries it, the schema admits it, the Markdown report shows it.</summary>
[TestClass]
public sealed class ScoreReportTests
{
    private static readonly PolicyScore Marginal = new Scorecard("scored", 90, 60, [new("latency", 3), new("quality", 1)]).Score(
    [
        new Finding("scored/p50", GuardrailKind.RollbackThreshold, Severity.Block, Outcome.Pass, "all", 0.01, 0.1, 500, "ok"),
        new Finding("scored/p95", GuardrailKind.RollbackThreshold, Severity.Block, Outcome.Fail, "all", 0.3, 0.1, 500, "slow"),
        new Finding("scored/errors", GuardrailKind.RollbackThreshold, Severity.Block, Outcome.Inconclusive, "all", null, null, 5, "few"),
    ], new GroupedPack());

    [TestMethod]
    public void TheScore_IsTheWeightedShareOfPassingFindings_InconclusiveLeftOut()
    {
        // latency 1 of 2 → 50; quality has only an inconclusive finding → no share, left out of the mean.
        Assert.AreEqual(50, Marginal.Value);
        Assert.AreEqual(ScoreBand.Fail, Marginal.Band);
        Assert.IsNull(Marginal.Groups[1].Value);
        Assert.AreEqual(1, Marginal.Groups[1].Inconclusive);
    }

    [TestMethod]
    public void Markdown_ShowsTheScore_AndEachGroup()
    {
        var markdown = MarkdownWriter.Write(Record());

        Assert.Contains("| `scored` | 50 | fail | 90 | 60 | latency 50 (weight 3; 1 passed, 1 failed, 0 inconclusive), quality – (weight 1; 0 passed, 0 failed, 1 inconclusive) |", markdown);
    }

    [TestMethod]
    public void TheRecord_WithScores_ConformsToItsSchema_AndReadsBack()
    {
        var json = DecisionRecordJson.Write(Record());
        using var document = System.Text.Json.JsonDocument.Parse(json);

        Assert.IsEmpty(SchemaCheck.Check(document.RootElement, "decision-record"));
        Assert.AreEqual(Marginal, DecisionRecordJson.Read(json).Scores.Single() with { Groups = Marginal.Groups });
        Assert.Contains("\"band\": \"fail\"", json);
    }

    private static DecisionRecord Record() => new()
    {
        DecisionId = Guid.CreateVersion7(),
        DecidedAt = DateTimeOffset.UnixEpoch,
        Verdict = Verdict.Rollback,
        ExitCode = 2,
        Stage = Stages.Canary,
        Reason = Marginal.Describe(),
        Policy = new PolicyIdentity("p", "sha256:" + new string('0', 64), 3),
        Inputs = [],
        Findings = [],
        Scores = [Marginal],
        Errors = [],
        Timings = new Timings(0, 0, 0),
        ToolVersion = "test",
    };

    /// <summary>A pack whose three guardrails belong to the scored policy's groups.</summary>
    private sealed class GroupedPack : PolicyPack
    {
        public override string Name => "grouped";

        public override string Fingerprint => "sha256:" + new string('0', 64);

        public override string CanonicalForm => "";

        public override IReadOnlyList<Guardrail> Guardrails { get; } =
        [
            Threshold("scored/p50", "latency"),
            Threshold("scored/p95", "latency"),
            Threshold("scored/errors", "quality"),
        ];

        public override IReadOnlyList<double> LatencyPercentiles => [50, 95];

        public override string RuleDocs => "";

        public override IReadOnlyList<NRules.Fluent.Dsl.Rule> CreateRules() => [];

        private static Guardrail Threshold(string id, string group) => new()
        {
            Id = id,
            Policy = "scored",
            Member = id,
            Kind = GuardrailKind.RollbackThreshold,
            Spec = new PolicyEngine.Specs.RollbackThresholdSpec { Metric = PolicyEngine.Specs.TelemetryMetric.LatencyP95, Change = ChangeLimit.RelativeIncrease, Limit = 0.1, MinSamples = 10 },
            Stages = Stages.Canary,
            Owner = "o",
            Requirement = "q",
            Group = group,
        };
    }
}
