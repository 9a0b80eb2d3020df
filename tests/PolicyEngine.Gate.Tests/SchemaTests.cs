using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Inputs.Prometheus;

namespace PolicyEngine.Gate.Tests;

/// <summary>The JSON Schemas in docs/schemas agree with the loaders: the samples conform, and what the loaders refuse the schemas refuse too.</summary>
[TestClass]
public sealed class SchemaTests
{
    private static readonly string Samples = Path.Combine(Repository.Root, "samples");

    [TestMethod]
    [DataRow("rollout.json", "rollout")]
    [DataRow("evaluation-report.json", "evaluation-report")]
    [DataRow("evidence.json", "evidence")]
    [DataRow("trust.json", "trust")]
    public void SampleFile_ConformsToItsSchema(string file, string schema)
    {
        var problems = SchemaCheck.Check(Path.Combine(Samples, file), schema);

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    [DataRow("evaluation-report", "{ \"results\": [ { \"role\": \"judge\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": 1 } ] }", "/results/0/role")]
    [DataRow("evaluation-report", "{ \"results\": [ { \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"accuracy\" } ] }", "/results/0")]
    [DataRow("evaluation-report", "{ \"results\": [], \"extra\": 1 }", "/extra")]
    [DataRow("evidence", "{ \"items\": [ { \"kind\": \"k\", \"subject\": { \"model\": \"m\" }, \"issuer\": \"i\", \"issuedAt\": \"2026-10-01T00:00:00Z\", \"digest\": \"d\" } ] }", "/items/0/subject")]
    [DataRow("evidence", "{ \"items\": [ { \"kind\": \"k\", \"subject\": { \"model\": \"m\", \"version\": \"1\" }, \"issuer\": \"i\", \"issuedAt\": \"last tuesday\", \"digest\": \"d\" } ] }", "/items/0/issuedAt")]
    [DataRow("rollout", "{ \"model\": \"m\", \"stage\": \"beta\" }", "/stage")]
    [DataRow("trust", "{ \"keys\": [ { \"id\": \"k\", \"issuer\": \"i\", \"publicKey\": \"hello\" } ] }", "/keys/0/publicKey")]
    public void BrokenDocument_IsRefusedByTheSchema_AndNamesTheField(string schema, string json, string pointer)
    {
        using var files = new TempFiles();

        var problems = SchemaCheck.Check(files.Write("f.json", json), schema);

        Assert.IsTrue(problems.Any(p => p.StartsWith(pointer + ":", StringComparison.Ordinal)), string.Join("\n", problems));
    }

    [TestMethod]
    public void PrometheusExamplesInTheDocs_ConformToTheSchema_AndTheSettingsValidator()
    {
        using var files = new TempFiles();
        var page = File.ReadAllText(Path.Combine(Repository.Root, "docs", "canary.md"));
        var examples = System.Text.RegularExpressions.Regex.Matches(page, "```json\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);

        Assert.HasCount(3, examples, "the instant-query, range-query and production examples");
        foreach (System.Text.RegularExpressions.Match example in examples)
        {
            var path = files.Write($"p{example.Index}.json", example.Groups[1].Value);
            var problems = SchemaCheck.Check(path, "prometheus");
            Assert.IsEmpty(problems, string.Join("\n", problems));
            // The address comes from --prometheus, as in the docs' command lines.
            var settings = JsonInput.Read(path, new FluentValidation.InlineValidator<PrometheusSettings>()).Document;
            settings.Url = "http://prometheus:9090";
            var result = new PrometheusSettingsValidator().Validate(settings);
            Assert.IsTrue(result.IsValid, string.Join("\n", result.Errors));
        }
    }

    [TestMethod]
    [DataRow("{ \"url\": \"http://p:9090\", \"queries\": { \"requests\": \"x\" }, \"samples\": { \"p95\": \"x\" } }", "samples")]
    [DataRow("{ \"url\": \"http://p:9090\", \"queries\": { \"requests\": \"x\" }, \"stepSeconds\": 0 }", "stepSeconds")]
    [DataRow("{ \"url\": \"http://p:9090\", \"queries\": { \"requests\": \"x\" }, \"rangeSeconds\": 60, \"stepSeconds\": 120 }", "stepSeconds")]
    public void UnusableSampleSettings_AreRefused_NamingTheField(string json, string field)
    {
        using var files = new TempFiles();

        var error = Assert.ThrowsExactly<InputException>(() => JsonInput.Read(files.Write("p.json", json), new PrometheusSettingsValidator()));

        Assert.Contains(field, error.Message);
    }

    [TestMethod]
    public void EverySchema_IsEmbedded()
    {
        var onDisk = Directory.GetFiles(Path.Combine(Repository.Root, "docs", "schemas"), "*.schema.json")
            .Select(p => Path.GetFileName(p)[..^".schema.json".Length]).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(onDisk, SchemaCheck.Names.ToList());
        Assert.HasCount(13, onDisk);
    }
}
