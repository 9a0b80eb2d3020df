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

    /// <summary>
    /// Writes the record into <paramref name="directory"/> as <c>{decidedAt}-{model}-{id}.json</c>, atomically
    /// (a temporary file, flushed to disk, then renamed over the name): a crash leaves the old file or the new
    /// one, never a half-written record. Returns the path.
    /// </summary>
    public static string Store(DecisionRecord record, string directory)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(directory);
        var path = PathOf(record, directory);
        WriteAtomically(path, Write(record));
        return path;
    }

    /// <summary>Where <see cref="Store"/> puts the record.</summary>
    public static string PathOf(DecisionRecord record, string directory)
    {
        ArgumentNullException.ThrowIfNull(record);
        var model = record.Release?.Model is { } m ? FileNamePart(m) + "-" : "";
        return Path.Combine(directory, $"{record.DecidedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{model}{record.DecisionId:N}.json");
    }

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/> (not named *.json, so no reader takes it for a record), flushes it to disk and renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, string text) => WriteAtomically(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> atomically, as <see cref="WriteAtomically(string, string)"/> does.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The model as it appears in a record's file name: letters, digits, '-', '_' and '.' kept, anything else '_'.</summary>
    public static string FileNamePart(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Names are capped: a file name has at most 255 bytes, and the record must be written whatever the model is called.
        var part = string.Concat(model.Take(MaxModelChars).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return part.Length < model.Length ? part + "~" : part;
    }

    /// <summary>The most characters of a model's name kept in a record's file name.</summary>
    public const int MaxModelChars = 120;

    /// <summary>Reads a record back.</summary>
    public static DecisionRecord Read(string json) =>
        JsonSerializer.Deserialize<DecisionRecord>(json, Options) ?? throw new JsonException("the decision record is JSON null");
}
