namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>What a telemetry column holds.</summary>
public enum ColumnType
{
    /// <summary>A finite number, zero or more.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A point in time.</summary>
    Timestamp,
}

/// <summary>One column of the request-telemetry contract (docs/inputs.md, docs/architecture.md).</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">What it holds.</param>
/// <param name="Required">Whether a file without it is rejected.</param>
/// <param name="Nullable">Whether a row may leave it empty.</param>
public sealed record TelemetryColumn(string Name, ColumnType Type, bool Required = false, bool Nullable = true)
{
    /// <summary>Every column the loader reads; any other column is ignored.</summary>
    public static IReadOnlyList<TelemetryColumn> All { get; } =
    [
        new("timestamp", ColumnType.Timestamp),
        new("role", ColumnType.Text),
        new("model", ColumnType.Text),
        new("slice", ColumnType.Text),
        new("latency_ms", ColumnType.Number, Required: true, Nullable: false),
        new("ttft_ms", ColumnType.Number),
        new("input_tokens", ColumnType.Number),
        new("output_tokens", ColumnType.Number),
        new("correct", ColumnType.Boolean),
        new("hallucinated", ColumnType.Boolean),
        new("error", ColumnType.Boolean, Nullable: false),
        new("cost_usd", ColumnType.Number),
        new("gpu_seconds", ColumnType.Number),
        new("confidence", ColumnType.Number),
    ];

    /// <summary>What a value must be, for messages.</summary>
    public string Expected => Type switch
    {
        ColumnType.Number => "a finite number of zero or more",
        ColumnType.Boolean => "true or false",
        ColumnType.Timestamp => "a timestamp (ISO 8601)",
        _ => "text",
    };
}
