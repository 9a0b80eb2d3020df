using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;

namespace PolicyEngine.Documents;

/// <summary>Reads a JSON input document strictly: malformed JSON, a value of the wrong type or an unknown field names its place in the file.</summary>
public static class JsonInput
{
    /// <summary>camelCase names, no unknown fields (a misspelt field must not be silently ignored), NaN readable so the validator can name it.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Two values for one field: which one a reader takes differs between parsers, so neither is trusted.
        AllowDuplicateProperties = false,
    };

    /// <summary>Reads and validates the document; returns it with its SHA-256.</summary>
    /// <exception cref="InputException">The file is missing, empty, not JSON, not this document, or invalid.</exception>
    public static (T Document, string Sha256) Read<T>(string path, IValidator<T> validator)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        var sha = InputFile.CheckAndHash(path);
        T? document;
        try
        {
            var bytes = File.ReadAllBytes(path);
            document = JsonSerializer.Deserialize<T>(bytes, Options);
            using var parsed = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (NullItem(parsed.RootElement, "") is { } where)
            {
                throw new InputException(path, where, "is null; expected a value (a list holds no nulls)");
            }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            var field = e.Path is { Length: > 1 } p ? (where.Length > 0 ? $"{Field(p)} ({where})" : Field(p)) : where;
            throw new InputException(path, field, Explain(e), e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, "", $"cannot be read: {e.Message}", e);
        }

        if (document is null)
        {
            throw new InputException(path, "", "is JSON null; expected an object");
        }

        FluentValidation.Results.ValidationResult result;
        try
        {
            result = validator.Validate(document);
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or ArgumentException or FormatException or OverflowException)
        {
            // A rule that trips over a value its author did not foresee still names the file, never a bare exception.
            throw new InputException(path, "", $"cannot be checked: {e.Message}; compare it with the schema in docs/schemas", e);
        }

        if (!result.IsValid)
        {
            var first = result.Errors[0];
            var more = result.Errors.Count > 1 ? $" (and {result.Errors.Count - 1} more problems)" : "";
            throw new InputException(path, first.PropertyName, first.ErrorMessage + more);
        }

        return (document, sha);
    }

    /// <summary>Where the first null list item lies (e.g. <c>results[2]</c>), or null: no list we read may hold one.</summary>
    private static string? NullItem(JsonElement element, string at)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var here = $"{at}[{i++}]";
                    if (item.ValueKind == JsonValueKind.Null || NullItem(item, here) is { } inner && (here = inner) is not null)
                    {
                        return here;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (NullItem(property.Value, at.Length == 0 ? property.Name : $"{at}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>$.results[2].value → results[2].value.</summary>
    private static string Field(string jsonPath) => jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static string Explain(JsonException e) =>
        e.Message.StartsWith("Duplicate property", StringComparison.Ordinal) ? "is given twice; give each field once (readers disagree on which of two values counts)"
        : e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a field of this document; check its spelling against the schema in docs/schemas"
        : e.Message.Contains("could not be converted", StringComparison.Ordinal) ? $"has the wrong type; {Expected(e.Message)}"
        : $"is not valid JSON: {e.Message.Split(" Path:", 2)[0]}";

    private static string Expected(string message) =>
        message.Contains("System.Double", StringComparison.Ordinal) || message.Contains("System.Int", StringComparison.Ordinal) ? "expected a number"
        : message.Contains("System.String", StringComparison.Ordinal) ? "expected a string"
        : message.Contains("DateTimeOffset", StringComparison.Ordinal) ? "expected an ISO 8601 date and time, e.g. 2026-11-25T12:00:00Z"
        : message.Contains("List", StringComparison.Ordinal) || message.Contains("[]", StringComparison.Ordinal) ? "expected an array"
        : "expected an object";
}
