using PolicyEngine.Evaluation;

namespace PolicyEngine.Cli.Tests;

/// <summary>Every verdict, reached end to end through the command line: real files, DuckDB, the sample pack's NRules session, the record.</summary>
[TestClass]
public sealed class VerdictTests
{
    [TestMethod]
    public void Sample_Warns_OnTheSlowFirstToken_AndExitsZero()
    {
        using var cli = new Cli();

        var result = cli.Gate();

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Warn, result.Record.Verdict);
        Assert.Contains("WARN support-assistant/interactive-ttft-p99: P99 TTFT", result.Output);
        Assert.Contains("support-assistant scored 100 of 100 (pass: pass at 90, marginal at 60)", result.Output);
        Assert.AreEqual(100, result.Record.Scores.Single().Value);
        Assert.AreEqual(Outcome.Fail, result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/interactive-ttft-p99").Outcome);
        Assert.IsTrue(result.Record.Findings.Where(f => f.Severity == Severity.Block).All(f => f.Outcome == Outcome.Pass), result.ToString());
        Assert.AreEqual(14, result.Record.Findings.Select(f => f.GuardrailId).Distinct().Count() + 2, "every guardrail but the two offline probe budgets judged");
    }

    [TestMethod]
    public void SamplePackAsABuiltAssembly_DecidesLikeTheBundledOne()
    {
        using var cli = new Cli();
        var assembly = Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.Sample.dll");

        var result = cli.Run("gate", "--policy", assembly, "--rollout", SampleFiles.Rollout, "--telemetry", SampleFiles.Telemetry,
            "--eval-report", SampleFiles.EvaluationReport, "--evidence", SampleFiles.Evidence, "--trust", SampleFiles.Trust);

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Warn, result.Record.Verdict);
        Assert.AreEqual(PolicyEngine.Rules.Sample.GuardrailPack.Instance.Fingerprint, result.Record.Policy.Fingerprint);
        Assert.HasCount(15, result.Record.Findings);
    }

    [TestMethod]
    public void HealthyCanary_Passes()
    {
        using var cli = new Cli();

        var result = cli.Gate("--telemetry", cli.Write("t.csv", new Telemetry().Csv()));

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Pass, result.Record.Verdict, result.ToString());
        Assert.IsTrue(result.Record.Findings.All(f => f.Outcome == Outcome.Pass), result.ToString());
    }

    [TestMethod]
    public void SlowInteractiveAnswers_Block()
    {
        using var cli = new Cli();

        var result = cli.Gate("--telemetry", cli.Write("t.csv", new Telemetry { InteractiveLatencyMs = 600 }.Csv()));

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Block, result.Record.Verdict);
        Assert.Contains("support-assistant/interactive-p95", result.Record.Reason);
    }

    [TestMethod]
    public void RisingErrorRateInCanary_RollsBack()
    {
        using var cli = new Cli();

        var result = cli.Gate("--telemetry", cli.Write("t.csv", new Telemetry { CandidateErrorPercent = 5 }.Csv()));

        Assert.AreEqual(2, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Rollback, result.Record.Verdict);
        Assert.Contains("support-assistant/error-rate-regression", result.Record.Reason);
    }

    [TestMethod]
    public void TooFewCanaryRequests_Hold()
    {
        using var cli = new Cli();

        var result = cli.Gate("--telemetry", cli.Write("t.csv", new Telemetry { CandidatePerSlice = 100 }.Csv()));

        Assert.AreEqual(3, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Hold, result.Record.Verdict);
        Assert.AreEqual(Outcome.Inconclusive, result.Record.Findings.Single(f => f.GuardrailId == "support-assistant/error-rate-regression").Outcome);
    }

    [TestMethod]
    public void ThrowingCustomGuardrail_Errors()
    {
        using var cli = new Cli();

        var result = cli.Run("gate", "--policy", typeof(FaultyGuardrails).Assembly.Location, "--rollout", SampleFiles.Rollout, "--telemetry", SampleFiles.Telemetry);

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Error, result.Record.Verdict);
        var faulty = result.Record.Findings.Where(f => f.GuardrailId.StartsWith("faulty/", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(faulty.Count > 0 && faulty.All(f => f.Outcome == Outcome.Error), result.ToString());
        Assert.Contains("the guardrail's author forgot slice", result.Output);
    }

    [TestMethod]
    public void InconclusiveOutsideCanary_Blocks()
    {
        using var cli = new Cli();

        var result = cli.Gate("--stage", "full", "--telemetry", cli.Write("t.csv", new Telemetry { Slices = ["billing", "search"] }.Csv()));

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Block, result.Record.Verdict);
        Assert.Contains("no candidate telemetry for slice 'interactive'", result.Record.Reason);
    }
}
