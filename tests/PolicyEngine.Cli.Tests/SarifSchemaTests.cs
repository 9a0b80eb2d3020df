using System.Text.Json;

namespace PolicyEngine.Cli.Tests;

/// <summary>The schema SARIF output is held to is the official one, and it refuses what code scanning refuses.</summary>
[TestClass]
public sealed class SarifSchemaTests
{
    [TestMethod]
    public void TheSchemaFile_IsTheOfficialOasisFile_Unedited()
    {
        Assert.AreEqual(SarifSchema.Sha256, SarifSchema.FileHash(), "schemas/sarif-schema-2.1.0.json was edited or replaced");
    }

    [TestMethod]
    [DataRow("\"kind\": \"maybe\"", DisplayName = "an unknown result kind")]
    [DataRow("\"guid\": \"01932c07-2b6e-7a4c-9f1e-3d5b7a9c1e2f\"", DisplayName = "a version-7 UUID as a result guid")]
    [DataRow("\"locations\": [ { \"physicalLocation\": { \"artifactLocation\": { \"uri\": \"a b\\\\c\" } } } ]", DisplayName = "a location that is not a URI reference")]
    public void TheSchema_RefusesWhatCodeScanningRefuses(string member)
    {
        // The checks on our output would prove nothing if the schema accepted anything.
        using var valid = JsonDocument.Parse(Log("\"kind\": \"fail\""));
        using var invalid = JsonDocument.Parse(Log(member));

        Assert.IsTrue(SarifSchema.Evaluate(valid.RootElement).IsValid);
        Assert.IsFalse(SarifSchema.Evaluate(invalid.RootElement).IsValid);
    }

    private static string Log(string resultMember) =>
        $$"""{ "version": "2.1.0", "runs": [ { "tool": { "driver": { "name": "x" } }, "results": [ { {{resultMember}}, "message": { "text": "m" } } ] } ] }""";
}
