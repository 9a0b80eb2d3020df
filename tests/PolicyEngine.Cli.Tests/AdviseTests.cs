using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApprovalTests;
using ApprovalTests.Reporters;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// <c>policyengine advise</c> on the worked example and on variations of it: the recommendation, its reasons and
/// figures (approval-tested), the scenario arithmetic against an independent computation, and every case where the
/// inputs cannot support a recommendation.
/// </summary>
[TestClass]
[UseReporter(typeof(QuietReporter))]
public sealed class AdviseTests
{
    private static string Options => Path.Combine(SampleFiles.Directory, "worked-example", "options.json");

    [TestMethod]
    public void TheWorkedExample_RecommendsTheFineTunedModelWithRetrieval()
    {
        using var cli = new Cli();

        var advised = cli.Run("advise", Options, "--format", "markdown");

        Assert.AreEqual(0, advised.Exit, advised.ToString());
        Approvals.Verify(advised.Output);
    }

    [TestMethod]
    public void TheScenarios_MatchAnIndependentComputation_FromTheFiles()
    {
        using var cli = new Cli();

        var advised = cli.Run("advise", Options, "--format", "json");

        using var json = JsonDocument.Parse(advised.Output);
        var root = json.RootElement;
        Assert.AreEqual("ft-13b-rag", root.GetProperty("recommended").GetString());
        foreach (var option in root.GetProperty("options").EnumerateArray())
        {
            var name = option.GetProperty("name").GetString()!;
            var folder = Path.Combine(SampleFiles.Directory, "worked-example", name);
            var rows = File.ReadAllLines(Path.Combine(folder, "telemetry.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            double CostPerQuery(string role) => rows.Where(r => r[0] == role).Average(r => double.Parse(r[11], CultureInfo.InvariantCulture));
            var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "evaluation-report.json")))!["results"]!.AsArray();
            double Business(string role) => report.Single(r => (string)r!["role"]! == role && (string)r["layer"]! == "business" && r["slice"] is null && (string)r["metric"]! == "accuracy")!["value"]!.GetValue<double>();
            var spec = JsonNode.Parse(File.ReadAllText(Options))!["options"]!.AsArray().Single(o => (string)o!["name"]! == name)!;
            var lift = Business("candidate") - Business("baseline");
            var extra = (CostPerQuery("candidate") - CostPerQuery("baseline")) * 1_800_000 + spec["monthlyOtherUsd"]!.GetValue<double>();
            foreach (var scenario in option.GetProperty("scenarios").EnumerateArray())
            {
                var realized = scenario.GetProperty("realized").GetDouble();
                var expected = 12 * ((1_800_000 * lift * realized * 0.05) - extra) - spec["oneTimeUsd"]!.GetValue<double>();
                Assert.AreEqual(expected, scenario.GetProperty("netUsd").GetDouble(), 1e-6 * Math.Abs(expected), $"{name} at {realized}");
            }
        }
    }

    [TestMethod]
    public void WhenNoOptionIsAdmissible_ItSaysKeepTheCurrentModel()
    {
        using var cli = new Cli();
        var options = Variant(cli, o => o["p95BudgetMs"] = 150);

        var advised = cli.Run("advise", options);

        Assert.AreEqual(0, advised.Exit, advised.ToString());
        StringAssert.StartsWith(advised.Output, "KEEP THE CURRENT MODEL");
        StringAssert.Contains(advised.Output, "ft-13b-rag would be weighed if its P95 fell from 189 ms to within 150 ms");
    }

    [TestMethod]
    public void ErrorsClusteredInOneSlice_PointToCuration()
    {
        using var cli = new Cli();
        var options = Variant(cli, o => o["p95BudgetMs"] = 5000, report => report.Where(r => (string)r!["role"]! == "baseline" && (string?)r["slice"] == "finance" && (string)r["metric"]! == "accuracy").ToList()
            .ForEach(r => r!["value"] = 0.2));

        var advised = cli.Run("advise", options, "--format", "json");

        using var json = JsonDocument.Parse(advised.Output);
        var diagnosis = json.RootElement.GetProperty("diagnosis");
        Assert.AreEqual("finance", diagnosis.GetProperty("errorCluster").GetString());
        Assert.AreEqual("data curation", diagnosis.GetProperty("favoured").GetString());
        StringAssert.Contains(diagnosis.GetProperty("findings")[0].GetString(), "errors cluster in the finance slice: the current model's error rate there is 80 %");
    }

    [TestMethod]
    public void TelemetryWithoutTheCurrentModel_CannotSupportARecommendation_AndSaysWhy()
    {
        using var cli = new Cli();
        var options = Variant(cli, _ => { }, telemetry: lines => [.. lines.Where(l => !l.StartsWith("baseline,", StringComparison.Ordinal))]);

        var advised = cli.Run("advise", options);

        Assert.AreEqual(4, advised.Exit, advised.ToString());
        StringAssert.StartsWith(advised.Output, "NO RECOMMENDATION");
        StringAssert.Contains(advised.Error, "the telemetry has no baseline rows, so the current model cannot be measured");
    }

    [TestMethod]
    public void AReportWithoutTheOptionsAccuracy_CannotSupportARecommendation()
    {
        using var cli = new Cli();
        var options = Variant(cli, _ => { }, report => report.RemoveAt(report.ToList().FindIndex(r => (string)r!["role"]! == "candidate" && (string)r["layer"]! == "business" && r["slice"] is null)));

        var advised = cli.Run("advise", options);

        Assert.AreEqual(4, advised.Exit, advised.ToString());
        StringAssert.Contains(advised.Error, "has no candidate business-layer accuracy on slice all, so its lift cannot be projected");
    }

    [TestMethod]
    [DataRow("""{ "monthlyQueries": 10, "valuePerCorrectAnswerUsd": 1, "options": [] }""", "options", "holds fewer than two options")]
    [DataRow("""{ "valuePerCorrectAnswerUsd": 1, "options": [] }""", "monthlyQueries", "is missing")]
    [DataRow("""{ "monthlyQueries": 10, "valuePerCorrectAnswerUsd": 1, "options": [ { "name": "a", "lever": "bigger", "telemetry": "t", "evaluationReport": "r" }, { "name": "b", "lever": "scale", "telemetry": "t", "evaluationReport": "r" } ] }""", "options[0].lever", "is not a lever")]
    [DataRow("""{ "monthlyQueries": 10, "valuePerCorrectAnswerUsd": 1, "options": [ { "name": "a", "lever": "scale", "telemetry": "missing.csv", "evaluationReport": "r" }, { "name": "b", "lever": "scale", "telemetry": "t", "evaluationReport": "r" } ] }""", "", "missing.csv")]
    public void ABadOptionsFile_IsRefused_NamingTheField(string content, string field, string problem)
    {
        using var cli = new Cli();

        var advised = cli.Run("advise", cli.Write("options.json", content));

        Assert.AreEqual(4, advised.Exit, advised.ToString());
        StringAssert.Contains(advised.Error, field);
        StringAssert.Contains(advised.Error, problem);
        Assert.AreEqual("", advised.Output, "no advice on a bad file");
    }

    [TestMethod]
    public void HostileOptionNames_StayInertInEveryFormat()
    {
        using var cli = new Cli();
        var hostile = "x|<script>alert(1)</script>\u001b[31m";
        var options = Variant(cli, o => o["options"]![0]!["name"] = hostile);

        var html = cli.Run("advise", options, "--format", "html");
        var markdown = cli.Run("advise", options, "--format", "markdown");
        var json = cli.Run("advise", options, "--format", "json");

        Assert.DoesNotContain("<script>", html.Output);
        StringAssert.Contains(html.Output, "&lt;script&gt;");
        Assert.DoesNotContain("\u001b", markdown.Output + html.Output);
        StringAssert.Contains(markdown.Output, "x\\|&lt;script&gt;");
        using var parsed = JsonDocument.Parse(json.Output);
        Assert.AreEqual(hostile, parsed.RootElement.GetProperty("options")[0].GetProperty("name").GetString());
    }

    /// <summary>A copy of the worked example's options with edits; <paramref name="report"/> edits both options' reports, <paramref name="telemetry"/> the first option's telemetry.</summary>
    private static string Variant(Cli cli, Action<JsonNode> edit, Action<JsonArray>? report = null, Func<string[], string[]>? telemetry = null)
    {
        var root = cli.PathOf("example");
        foreach (var name in new[] { "large-70b", "ft-13b-rag" })
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            foreach (var file in Directory.GetFiles(Path.Combine(SampleFiles.Directory, "worked-example", name)))
            {
                File.Copy(file, Path.Combine(root, name, Path.GetFileName(file)));
            }
        }

        var options = JsonNode.Parse(File.ReadAllText(Options))!;
        edit(options);
        File.WriteAllText(Path.Combine(root, "options.json"), options.ToJsonString());
        foreach (var name in report is null ? [] : new[] { "large-70b", "ft-13b-rag" })
        {
            var path = Path.Combine(root, name, "evaluation-report.json");
            var document = JsonNode.Parse(File.ReadAllText(path))!;
            report!(document["results"]!.AsArray());
            File.WriteAllText(path, document.ToJsonString());
        }

        if (telemetry is not null)
        {
            var path = Path.Combine(root, "large-70b", "telemetry.csv");
            File.WriteAllLines(path, telemetry(File.ReadAllLines(path)));
        }

        return Path.Combine(root, "options.json");
    }
}
