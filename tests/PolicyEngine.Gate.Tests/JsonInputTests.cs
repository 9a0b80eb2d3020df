using PolicyEngine.Gate.Inputs.EvaluationReports;
using PolicyEngine.Gate.Inputs.Rollouts;

namespace PolicyEngine.Gate.Tests;

/// <summary>Evaluation reports and rollout contexts: loaded into facts, or refused with the field named.</summary>
[TestClass]
public sealed class JsonInputTests
{
    [TestMethod]
    public void EvaluationReport_BecomesOneQualityMetricPerResult()
    {
        using var files = new TempFiles();
        var path = files.Write("r.json", """
            { "results": [
              { "role": "candidate", "layer": "business", "slice": "billing", "metric": "accuracy", "value": 0.93, "samples": 800 },
              { "role": "baseline", "layer": "production-offline", "metric": "accuracy", "value": 0.88 }
            ] }
            """);

        var (metrics, file) = EvaluationReportLoader.Load(path, "m", "1");

        Assert.AreEqual(2, file.Rows);
        Assert.AreEqual(new QualityMetric(Role.Candidate, BenchmarkLayer.Business, "billing", "accuracy", 0.93, 800), metrics[0]);
        Assert.AreEqual(new QualityMetric(Role.Baseline, BenchmarkLayer.ProductionOffline, "all", "accuracy", 0.88, null), metrics[1]);
    }

    [TestMethod]
    public void EvaluationReport_RepeatedResult_IsRefused()
    {
        using var files = new TempFiles();
        var row = "{ \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": 0.9 }";
        var path = files.Write("r.json", $"{{ \"results\": [ {row}, {row} ] }}");

        var error = Assert.ThrowsExactly<InputException>(() => EvaluationReportLoader.Load(path, null, null));

        Assert.AreEqual("results[0]", error.Location);
        Assert.Contains("repeats accuracy of the candidate on layer business, slice 'all'", error.Problem);
    }

    [TestMethod]
    public void EvaluationReport_ResultWithoutValue_IsRefused()
    {
        using var files = new TempFiles();
        var path = files.Write("r.json", "{ \"results\": [ { \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"accuracy\" } ] }");

        var error = Assert.ThrowsExactly<InputException>(() => EvaluationReportLoader.Load(path, null, null));

        Assert.AreEqual("results[0].value: is missing; expected a finite number", $"{error.Location}: {error.Problem}");
    }

    [TestMethod]
    public void Rollout_CommandLineValuesOverrideTheFile()
    {
        using var files = new TempFiles();
        var path = files.Write("rollout.json", "{ \"model\": \"m\", \"version\": \"1\", \"lever\": \"scale\", \"stage\": \"offline\" }");
        var now = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        var (context, file) = RolloutLoader.Resolve(path, new RolloutDocument { Stage = "canary", Lever = "data-curation" }, now);

        Assert.AreEqual(new RolloutContext("m", "1", Lever.DataCuration, Stages.Canary, now), context);
        Assert.AreEqual("rollout", file!.Kind);
    }

    [TestMethod]
    public void Rollout_WithoutAFileOrStage_NamesWhatIsMissing()
    {
        var error = Assert.ThrowsExactly<InputException>(() =>
            RolloutLoader.Resolve(null, new RolloutDocument { Model = "m", Version = "1", Lever = "scale" }, DateTimeOffset.UnixEpoch));

        Assert.AreEqual("rollout (command line): stage: is missing; expected offline, canary or full (--stage)", error.Message);
    }
}
