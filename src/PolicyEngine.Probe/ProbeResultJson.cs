using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyEngine.Probe;

/// <summary>Writes probe results as the gate reads them (docs/schemas/probe-result.schema.json).</summary>
public static class ProbeResultJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The result as JSON.</summary>
    public static string Write(ProbeResultDocument result) => JsonSerializer.Serialize(result, Options) + "\n";
}
