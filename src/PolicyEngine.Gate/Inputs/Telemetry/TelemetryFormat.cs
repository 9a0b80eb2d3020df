namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>The file formats request telemetry may come in, told apart by extension.</summary>
public enum TelemetryFormat
{
    /// <summary>Apache Parquet (<c>.parquet</c>).</summary>
    Parquet,

    /// <summary>Comma-separated values with a header row (<c>.csv</c>).</summary>
    Csv,

    /// <summary>One JSON object per line (<c>.jsonl</c>, <c>.ndjson</c>, <c>.json</c>).</summary>
    JsonLines,
}

/// <summary>Reads a <see cref="TelemetryFormat"/> from a path.</summary>
public static class TelemetryFormats
{
    /// <summary>The format the file's extension names.</summary>
    /// <exception cref="InputException">The extension is none of the supported ones.</exception>
    public static TelemetryFormat Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".parquet" => TelemetryFormat.Parquet,
        ".csv" => TelemetryFormat.Csv,
        ".jsonl" or ".ndjson" or ".json" => TelemetryFormat.JsonLines,
        var other => throw new InputException(path, "", $"extension '{other}' is not a telemetry format; expected .parquet, .csv, .jsonl, .ndjson or .json"),
    };

    /// <summary>
    /// The DuckDB table function that reads the file. CSV is read as text so that a bad value is reported by row,
    /// not guessed around. The path must be taken literally: see <see cref="LiteralPath"/>.
    /// </summary>
    public static string ReadFunction(string path) => Of(path) switch
    {
        TelemetryFormat.Parquet => $"read_parquet({Sql.Literal(path)})",
        TelemetryFormat.Csv => $"read_csv({Sql.Literal(path)}, header = true, all_varchar = true)",
        _ => $"read_json({Sql.Literal(path)}, format = 'newline_delimited')",
    };

    /// <summary>
    /// Whether DuckDB would read <paramref name="path"/> as written. DuckDB expands <c>*</c>, <c>?</c>, <c>[…]</c>
    /// and <c>{…}</c> in file paths (and reads <c>~</c>, <c>http(s)://</c> and <c>s3://</c> its own way), with no
    /// way to escape them: <c>d/t[ab].csv</c> would be read as <c>d/ta.csv</c>, a file other than the one hashed.
    /// </summary>
    public static bool ReadAsWritten(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.IndexOfAny(['*', '?', '[', ']', '{', '}', '~']) < 0 && !path.Contains("://", StringComparison.Ordinal);
    }
}
