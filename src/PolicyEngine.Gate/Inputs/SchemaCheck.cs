using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace PolicyEngine.Gate.Inputs;

/// <summary>Checks a JSON input file against its schema in docs/schemas (embedded in this assembly), listing every violation.</summary>
public static class SchemaCheck
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    /// <summary>The names of the embedded schemas, e.g. <c>evidence</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(SchemaCheck).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("schemas/", StringComparison.Ordinal))
            .Select(n => n["schemas/".Length..^".schema.json".Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The problems, each naming the field (as a JSON pointer) and what the schema expects; empty when the file conforms.</summary>
    /// <param name="path">The file.</param>
    /// <param name="schema">The schema's name, e.g. <c>evaluation-report</c>.</param>
    /// <exception cref="InputException">The file is missing, empty or not JSON.</exception>
    public static IReadOnlyList<string> Check(string path, string schema)
    {
        InputFile.CheckAndHash(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InputException(path, $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}", $"is not valid JSON: {e.Message.Split(" LineNumber:", 2)[0]}", e);
        }

        using (document)
        {
            return Check(document.RootElement, schema);
        }
    }

    /// <summary>The problems of an already parsed document.</summary>
    public static IReadOnlyList<string> Check(JsonElement instance, string schema)
    {
        var results = For(schema).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{Pointer(d.InstanceLocation.ToString())}: {Explain(e.Value)}"))
            .Distinct()];
    }

    /// <summary>JSON Schema's wording for additionalProperties: false helps no one; say what it means.</summary>
    private static string Explain(string message) =>
        message.Contains("false schema", StringComparison.Ordinal) ? "is not a field of this document; check its spelling" : message;

    private static string Pointer(string location) => location.Length == 0 ? "(document)" : location;

    private static JsonSchema For(string name) =>
        Schemas.GetOrAdd(name, n => new Lazy<JsonSchema>(() =>
        {
            using var stream = typeof(SchemaCheck).Assembly.GetManifestResourceStream($"schemas/{n}.schema.json")
                ?? throw new ArgumentException($"there is no schema '{n}'; schemas: {string.Join(", ", Names)}", nameof(name));
            using var reader = new StreamReader(stream);
            return JsonSchema.FromText(reader.ReadToEnd());
        })).Value;
}
