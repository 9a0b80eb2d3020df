using System.Text.Json;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The worked example of docs/standard-pack.md on the standard pack, end to end from the files in
/// samples/worked-example: the fine-tuned 13B model with a vector database passes; the largest model blocks, and
/// the reasons say why in words a CTO reads without help.
/// </summary>
[TestClass]
public sealed class WorkedExampleTests
{
    [TestMethod]
    public void TheFineTunedModelWithRetrieval_Passes_EveryGuardrailOfItsLevers()
    {
        using var cli = new Cli();

        var gated = Gate(cli, "ft-13b-rag");

        Assert.AreEqual(0, gated.Exit, gated.ToString());
        var record = gated.Record;
        Assert.AreEqual("pass", JsonSerializer.SerializeToElement(record.Verdict, global::PolicyEngine.Gate.Records.DecisionRecordJson.Options).GetString());
        // A hybrid release answers to the scorecard and to what scale, architecture and curation must each show.
        CollectionAssert.IsSubsetOf(new[] { "scorecard", "scale", "architecture", "curation" }, record.Findings.Select(f => f.GuardrailId.Split('/')[0]).Distinct().ToArray());
        Assert.IsTrue(record.Findings.All(f => f.Outcome == Evaluation.Outcome.Pass), string.Join("\n", record.Findings.Select(f => $"{f.GuardrailId}: {f.Reason}")));
        Assert.AreEqual(18, record.Findings.Count);
        StringAssert.Contains(Reason(record, "scorecard/p95-latency"), "ms is within the 500 ms budget");
        StringAssert.Contains(Reason(record, "architecture/gpu-throughput"), "output tokens per GPU-second meets the floor of 400");
        StringAssert.Contains(Reason(record, "architecture/no-slice-regresses"), "held within 0.005 of the baseline on 4 of 4 slices");
        using var stored = JsonDocument.Parse(File.ReadAllText(gated.Records.Single()));
        Assert.IsEmpty(global::PolicyEngine.Gate.Inputs.SchemaCheck.Check(stored.RootElement, "decision-record"), "the record of the new kinds holds to its schema");
    }

    [TestMethod]
    public void TheLargestModel_Blocks_OnLatencyCostAndANarrowGain_InPlainWords()
    {
        using var cli = new Cli();

        var gated = Gate(cli, "large-70b", "--format", "markdown");

        Assert.AreEqual(1, gated.Exit, gated.ToString());
        var record = gated.Record;
        CollectionAssert.AreEquivalent(
            new[] { "scale/broad-gain", "scale/cost-per-correct-answer-growth", "scorecard/cost-per-correct-answer", "scorecard/cost-per-query", "scorecard/live-hallucination", "scorecard/p95-latency" },
            record.Findings.Where(f => f.Outcome == Evaluation.Outcome.Fail && f.Severity == Severity.Block).Select(f => f.GuardrailId).ToArray());
        StringAssert.Matches(Reason(record, "scorecard/p95-latency"), new System.Text.RegularExpressions.Regex(@"^P95 latency 2\d{3}(\.\d+)? ms exceeds the 500 ms budget$"));
        StringAssert.Contains(Reason(record, "scorecard/cost-per-query"), "exceeds the 10 ceiling");
        StringAssert.Contains(Reason(record, "scale/broad-gain"), "on 1 of 4 slices, 3 needed: the gain is confined, not broad");
        StringAssert.Contains(Reason(record, "scale/cost-per-correct-answer-growth"), "exceeds the allowed increase of 50 %");
        Assert.IsFalse(record.Findings.Any(f => f.GuardrailId.StartsWith("curation/", StringComparison.Ordinal) || f.GuardrailId.StartsWith("architecture/", StringComparison.Ordinal)),
            "a scale release is not judged by what curation or architecture must show");
        StringAssert.Contains(gated.Output, "**BLOCK** — doc-search large-70b");
    }

    [TestMethod]
    public void TheStandardPack_IsBundled_AndExcludesTheOtherPackOptions()
    {
        using var cli = new Cli();

        var both = cli.Run("gate", "--standard", "--sample");
        var docs = cli.Run("docs", "--standard");

        Assert.AreEqual(ExitCodes.Usage, both.Exit, both.ToString());
        StringAssert.Contains(both.Error, "--policy, --standard and --sample exclude each other");
        Assert.AreEqual(0, docs.Exit, docs.ToString());
        StringAssert.Contains(docs.Output, "scale/broad-gain");
        StringAssert.Contains(docs.Output, "for scale, hybrid releases only");
    }

    private static Result Gate(Cli cli, string option, params string[] more)
    {
        var folder = Path.Combine(SampleFiles.Directory, "worked-example", option);
        return cli.Run(["gate", "--standard", "--rollout", Path.Combine(folder, "rollout.json"), "--telemetry", Path.Combine(folder, "telemetry.csv"),
            "--eval-report", Path.Combine(folder, "evaluation-report.json"), "--evidence", Path.Combine(folder, "evidence.json"), "--trust", SampleFiles.Trust, .. more]);
    }

    private static string Reason(global::PolicyEngine.Gate.Records.DecisionRecord record, string id) => record.Findings.Single(f => f.GuardrailId == id).Reason;
}
