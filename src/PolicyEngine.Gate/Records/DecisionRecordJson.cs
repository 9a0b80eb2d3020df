using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyEngine.Gate.Records;

/// <summary>Writes and reads decision records as JSON: camelCase fields, enum values in kebab-case, indented.</summary>
public static class DecisionRecordJson
{
    /// <summary>The serializer options every record is written with.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A cost per correct answer with no correct answers is Infinity; the record says so rather than failing.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new PercentilesJson() },
    };

    /// <summary>The record as JSON.</summary>
    public static string Write(DecisionRecord record) => JsonSerializer.Serialize(record, Options) + "\n";

    /// <summary>Writes the record into <paramref name="directory"/> as <c>{decidedAt}-{model}-{id}.json</c>; returns the path.</summary>
    public static string Store(DecisionRecord record, string directory)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(directory);
        var model = record.Release?.Model is { } m ? FileNamePart(m) + "-" : "";
        var path = Path.Combine(directory, $"{record.DecidedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{model}{record.DecisionId:N}.json");
        File.WriteAllText(path, Write(record));
        return path;
    }

    /// <summary>The model as it appears in a record's file name: letters, digits, '-', '_' and '.' kept, anything else '_'.</summary>
    public static string FileNamePart(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return string.Concat(model.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
    }

    /// <summary>Reads a record back.</summary>
    public static DecisionRecord Read(string json) =>
        JsonSerializer.Deserialize<DecisionRecord>(json, Options) ?? throw new JsonException("the decision record is JSON null");
}
