using System.Text;
using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>
/// Builds the one DuckDB query that turns a telemetry file into per-role, per-slice statistics. Each row's
/// checks (a bad latency, an unknown role, …) are counted in the same scan, so a valid file is read once;
/// only a file with a violation is read again, to name the first offending row.
/// </summary>
internal sealed class TelemetryQuery
{
    private readonly Dictionary<string, string> _typed = new(StringComparer.Ordinal);

    /// <summary>Builds the query for a file whose columns DuckDB described as <paramref name="columnTypes"/>.</summary>
    /// <param name="path">The file, for messages.</param>
    /// <param name="source">The DuckDB table function that reads it.</param>
    /// <param name="columnTypes">Column name → DuckDB type, as DESCRIBE gave them.</param>
    /// <param name="percentiles">The latency and TTFT percentiles to compute, 0–100.</param>
    /// <param name="candidateModel">When given, candidate rows naming another model are rejected.</param>
    public TelemetryQuery(string path, string source, IReadOnlyDictionary<string, string> columnTypes, IReadOnlyList<double> percentiles, string? candidateModel)
    {
        Source = source;
        Percentiles = percentiles;
        foreach (var column in TelemetryColumn.All)
        {
            if (!columnTypes.TryGetValue(column.Name, out var type))
            {
                if (column.Required)
                {
                    throw new InputException(path, $"column '{column.Name}'",
                        $"required column is missing; expected {column.Expected}. Columns found: {string.Join(", ", columnTypes.Keys)}");
                }

                continue;
            }

            _typed[column.Name] = Typed(path, column, type);
        }

        Checks = BuildChecks(candidateModel);
    }

    /// <summary>The table function reading the file.</summary>
    public string Source { get; }

    /// <summary>The percentiles computed, 0–100.</summary>
    public IReadOnlyList<double> Percentiles { get; }

    /// <summary>The row checks, in the order they are reported.</summary>
    public IReadOnlyList<RowCheck> Checks { get; }

    /// <summary>Whether the file has the column.</summary>
    public bool Has(string column) => _typed.ContainsKey(column);

    /// <summary>
    /// The aggregation: one row per (role, slice) and per role over all slices (<c>overall</c> = 1), plus the
    /// number of rows that break any check. Roles and slices are grouped as written (no per-row string
    /// functions); the loader folds empty and <c>all</c> slices into the overall group and vets the roles.
    /// </summary>
    public string Aggregation()
    {
        var sql = new StringBuilder();
        sql.Append("WITH t AS (SELECT ");
        sql.Append($"{Role} AS role, ");
        sql.Append($"{Or("slice", "NULL::VARCHAR")} AS slice_key, ");
        foreach (var name in new[] { "latency_ms", "ttft_ms", "input_tokens", "output_tokens", "cost_usd", "gpu_seconds" })
        {
            sql.Append($"{Or(name, "NULL::DOUBLE")} AS {name}, ");
        }

        foreach (var name in new[] { "correct", "hallucinated", "error" })
        {
            sql.Append($"CAST({Or(name, "NULL::BOOLEAN")} AS DOUBLE) AS {name}, ");
        }

        var anyViolation = Checks.Count == 0 ? "false" : string.Join(" OR ", Checks.Select(c => $"coalesce({c.Violation}, false)"));
        sql.Append($"{anyViolation} AS bad FROM {Source}) ");
        var list = "[" + string.Join(", ", Percentiles.Select(p => Sql.Number(p / 100))) + "]";
        sql.Append("SELECT role, slice_key, GROUPING(slice_key) AS overall, count(*) AS requests, ");
        sql.Append($"quantile_cont(latency_ms, {list}) AS latency, ");
        sql.Append($"CASE WHEN count(ttft_ms) > 0 THEN quantile_cont(ttft_ms, {list}) END AS ttft, ");
        sql.Append("count(error) AS errors_known, avg(error) AS error_rate, ");
        sql.Append("count(correct) AS labeled, avg(correct) AS accuracy, ");
        sql.Append("count(hallucinated) AS hallucination_labeled, avg(hallucinated) AS hallucination_rate, ");
        sql.Append("sum(latency_ms) AS latency_sum, ");
        sql.Append("count(input_tokens) AS input_known, sum(input_tokens) AS input_tokens, ");
        sql.Append("count(output_tokens) AS output_known, sum(output_tokens) AS output_tokens, ");
        sql.Append("count(cost_usd) AS cost_known, sum(cost_usd) AS cost, ");
        sql.Append("count(gpu_seconds) AS gpu_known, sum(gpu_seconds) AS gpu_seconds, ");
        sql.Append("count(*) FILTER (WHERE bad) AS violations");
        sql.Append(" FROM t GROUP BY GROUPING SETS ((role, slice_key), (role)) ORDER BY role, overall DESC, slice_key");
        return sql.ToString();
    }

    /// <summary>
    /// Expected calibration error per role and slice (and per role overall), over the rows with both a
    /// <c>confidence</c> and a <c>correct</c> label: rows binned by confidence into <paramref name="bins"/>
    /// equal-width bins (a confidence of exactly 1 in the last), then Σ over bins of |Σ correct − Σ confidence| ÷ N,
    /// which is Σ (n_b ÷ N) · |accuracy_b − mean confidence_b|. Null when the file lacks either column.
    /// </summary>
    public string? Calibration(int bins)
    {
        if (!Has("confidence") || !Has("correct"))
        {
            return null;
        }

        var b = bins.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"WITH t AS (SELECT {Role} AS role, {Or("slice", "NULL::VARCHAR")} AS slice_key, {_typed["confidence"]} AS confidence, CAST({_typed["correct"]} AS DOUBLE) AS correct " +
            $"FROM {Source} WHERE {_typed["confidence"]} IS NOT NULL AND {_typed["correct"]} IS NOT NULL), " +
            $"binned AS (SELECT *, least(CAST(floor(confidence * {b}) AS BIGINT), {b} - 1) AS bin FROM t), " +
            "per_bin AS (SELECT role, slice_key, GROUPING(slice_key) AS overall, count(*) AS n, sum(correct) - sum(confidence) AS gap " +
            "FROM binned GROUP BY GROUPING SETS ((role, slice_key, bin), (role, bin))) " +
            "SELECT role, slice_key, overall, sum(n) AS calibrated, sum(abs(gap)) / sum(n) AS ece FROM per_bin GROUP BY role, slice_key, overall";
    }

    /// <summary>
    /// The query for one demand's raw values, one row per role with a list of them; null when the file has no
    /// such column. Slice <c>all</c> is every row, as in the aggregates. A request without a latency or TTFT is left
    /// out (a TTFT is only measured when streaming); a role with any request without a cost has no cost samples,
    /// as it has no cost figure: a mean of the costs that happen to be known is not the cost of the traffic.
    /// </summary>
    public string? Samples(Evaluation.SampleDemand demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var column = demand.Metric switch
        {
            SampledMetric.Latency => "latency_ms",
            SampledMetric.Ttft => "ttft_ms",
            SampledMetric.Cost => "cost_usd",
            _ => throw new ArgumentOutOfRangeException(nameof(demand), demand.Metric, "not a sampled metric"),
        };
        if (!Has(column))
        {
            return null;
        }

        var value = _typed[column];
        var slice = demand.Slice == Slices.All ? "true" : $"{Or("slice", "NULL::VARCHAR")} = {Sql.Literal(demand.Slice)}";
        return demand.Metric == SampledMetric.Cost
            ? $"SELECT {Role} AS role, list({value}) FROM {Source} WHERE {slice} GROUP BY 1 HAVING count({value}) = count(*) ORDER BY 1"
            : $"SELECT {Role} AS role, list({value}) FROM {Source} WHERE {value} IS NOT NULL AND {slice} GROUP BY 1 ORDER BY 1";
    }

    /// <summary>A row's role: empty — a missing CSV field or "" in JSON lines, alike — means candidate.</summary>
    private string Role => $"coalesce(nullif({Or("role", "NULL")}, ''), 'candidate')";

    /// <summary>The check a role outside candidate and baseline breaks; run only when a group shows one.</summary>
    public RowCheck RoleCheck => new("role", $"{Role} NOT IN ('candidate', 'baseline')", "is not a role; expected candidate or baseline (empty means candidate)");

    /// <summary>The first row (1-based) that fails <paramref name="check"/>, its raw value, and how many rows fail it.</summary>
    public string FirstViolation(RowCheck check) =>
        $"SELECT __row, CAST({Sql.Identifier(check.Column)} AS VARCHAR) AS value, count(*) OVER () AS rows FROM (SELECT row_number() OVER () AS __row, * FROM {Source}) " +
        $"WHERE coalesce({check.Violation}, false) ORDER BY __row LIMIT 1";

    private string Or(string column, string fallback) => _typed.TryGetValue(column, out var expression) ? expression : fallback;

    private List<RowCheck> BuildChecks(string? candidateModel)
    {
        var checks = new List<RowCheck>();
        foreach (var column in TelemetryColumn.All.Where(c => Has(c.Name)))
        {
            var raw = Sql.Identifier(column.Name);
            var typed = _typed[column.Name];
            if (!column.Nullable)
            {
                checks.Add(new(column.Name, $"{raw} IS NULL", $"is empty; expected {column.Expected}"));
            }

            if (typed != raw)
            {
                checks.Add(new(column.Name, $"{raw} IS NOT NULL AND {typed} IS NULL", $"is not {column.Expected}"));
            }

            if (column.Type == ColumnType.Number)
            {
                checks.Add(new(column.Name, $"isnan({typed}) OR isinf({typed}) OR {typed} < 0", $"is not {column.Expected}"));
            }

            if (column.Name == "confidence")
            {
                checks.Add(new(column.Name, $"{typed} > 1", "is not a probability; expected the model's confidence in its answer, from 0 to 1"));
            }
        }

        if (candidateModel is not null && Has("model"))
        {
            checks.Add(new("model",
                $"{Role} = 'candidate' AND {_typed["model"]} <> {Sql.Literal(candidateModel)}",
                $"names another model on a candidate row; the release is '{candidateModel}'"));
        }

        return checks;
    }

    /// <summary>The expression that reads <paramref name="type"/> as the column's type, or an error when the type cannot hold it.</summary>
    private static string Typed(string path, TelemetryColumn column, string type)
    {
        var raw = Sql.Identifier(column.Name);
        var text = type is "VARCHAR" or "JSON";
        var asText = type == "JSON" ? $"json_extract_string({raw}, '$')" : raw;
        return column.Type switch
        {
            ColumnType.Number when IsNumeric(type) => $"CAST({raw} AS DOUBLE)",
            ColumnType.Number when text => $"TRY_CAST({asText} AS DOUBLE)",
            ColumnType.Boolean when type == "BOOLEAN" => raw,
            ColumnType.Boolean when text => $"TRY_CAST({asText} AS BOOLEAN)",
            ColumnType.Timestamp when type.StartsWith("TIMESTAMP", StringComparison.Ordinal) || type == "DATE" => raw,
            ColumnType.Timestamp when text => $"TRY_CAST({asText} AS TIMESTAMPTZ)",
            ColumnType.Text when type == "VARCHAR" => raw,
            ColumnType.Text when !type.Contains('[', StringComparison.Ordinal) && !type.StartsWith("STRUCT", StringComparison.Ordinal) && !type.StartsWith("MAP", StringComparison.Ordinal) =>
                $"CAST({asText} AS VARCHAR)",
            _ => throw new InputException(path, $"column '{column.Name}'", $"has type {type}; expected {column.Expected}"),
        };
    }

    private static bool IsNumeric(string type) =>
        type is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT" or "FLOAT" or "DOUBLE"
        || type.StartsWith("DECIMAL", StringComparison.Ordinal);
}
