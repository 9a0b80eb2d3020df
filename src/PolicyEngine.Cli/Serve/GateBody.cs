using System.Text.Json;

namespace PolicyEngine.Cli.Serve;

/// <summary>
/// What a caller asks the server to judge (docs/serve.md, docs/schemas/serve-gate-request.schema.json). Each input is
/// a path relative to the data root (a string) or, except telemetry, the document itself (an object). The release
/// fields override the rollout document's, as the CLI's options do.
/// </summary>
internal sealed class GateBody
{
    /// <summary>The pack to judge with, by name; may be left out when the server serves one.</summary>
    public string? Pack { get; set; }

    public string? Model { get; set; }

    public string? Version { get; set; }

    public string? Lever { get; set; }

    public string? Stage { get; set; }

    public DateTimeOffset? AsOf { get; set; }

    /// <summary>When the canary began taking traffic: {window} in the server's PromQL spans from it (gate's --canary-start).</summary>
    public DateTimeOffset? CanaryStart { get; set; }

    public JsonElement? Rollout { get; set; }

    /// <summary>Telemetry is a file under the data root (Parquet, CSV or JSON lines); left out, the configured Prometheus is queried.</summary>
    public string? Telemetry { get; set; }

    public JsonElement? EvaluationReport { get; set; }

    public JsonElement? Evidence { get; set; }

    public JsonElement? Probe { get; set; }

    /// <summary>Signed waivers (docs/audit.md): a file under the data root, or the document itself; checked against the server's trust file.</summary>
    public JsonElement? Waivers { get; set; }

    /// <summary>How request bodies are read: field names as in the schema, and a field the server does not know is refused, not ignored.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>The JSON value for a path given as text (a query parameter, Flagger metadata).</summary>
    public static JsonElement? PathValue(string? path) => path is null ? null : JsonSerializer.SerializeToElement(path);
}
