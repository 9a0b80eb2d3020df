using PolicyEngine.Gate.Inputs;

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
    public void EverySchema_IsEmbedded()
    {
        var onDisk = Directory.GetFiles(Path.Combine(Repository.Root, "docs", "schemas"), "*.schema.json")
            .Select(p => Path.GetFileName(p)[..^".schema.json".Length]).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(onDisk, SchemaCheck.Names.ToList());
        Assert.HasCount(9, onDisk);
    }
}
