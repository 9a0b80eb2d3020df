using System.Security.Cryptography;
using System.Text.Json;
using Json.Schema;

namespace PolicyEngine.Cli.Tests;

/// <summary>The official OASIS SARIF 2.1.0 schema (schemas/README.md), which GitHub code scanning holds uploads to.</summary>
internal static class SarifSchema
{
    public const string Sha256 = "ddddcccbf95c7c50c037b5b07eff4140556278ca574ff374db46786b5fce7949";

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "schemas", "sarif-schema-2.1.0.json");

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        // The file declares draft-04, which the validator does not implement; its keywords here mean the same in draft 7.
        var text = File.ReadAllText(FilePath).Replace("\"http://json-schema.org/draft-04/schema#\"", "\"http://json-schema.org/draft-07/schema#\"", StringComparison.Ordinal);
        return JsonSchema.FromText(text);
    });

    /// <summary>Formats (uri, uri-reference, date-time) are checked too: code scanning refuses a log whose URIs are not URIs.</summary>
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static EvaluationResults Evaluate(JsonElement log) => Schema.Value.Evaluate(log, Options);

    public static void AssertValid(JsonElement log)
    {
        var evaluation = Evaluate(log);
        Assert.IsTrue(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    public static string FileHash() => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(FilePath)));
}
