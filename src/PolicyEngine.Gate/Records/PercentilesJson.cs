using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyEngine.Gate.Records;

/// <summary>Writes <see cref="Percentiles"/> as an object keyed by percentile (<c>{"50": 120, "95": 310}</c>), and none as null.</summary>
public sealed class PercentilesJson : JsonConverter<Percentiles>
{
    /// <inheritdoc/>
    public override bool HandleNull => true;

    /// <inheritdoc/>
    public override Percentiles Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Percentiles.None;
        }

        var values = JsonSerializer.Deserialize<Dictionary<string, double>>(ref reader, options) ?? [];
        return new Percentiles(values.Select(v => KeyValuePair.Create(
            double.TryParse(v.Key, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : throw new JsonException($"'{v.Key}' is not a percentile"),
            v.Value)));
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Percentiles value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null || !value.Keys.Any())
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var p in value.Keys)
        {
            writer.WriteNumber(p.ToString("R", CultureInfo.InvariantCulture), value.At(p)!.Value);
        }

        writer.WriteEndObject();
    }
}
