using System.Globalization;
using DuckDB.NET.Data;
using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>
/// Loads request telemetry (Parquet, CSV or JSON lines) and aggregates it with DuckDB into one
/// <see cref="SliceMetrics"/> per role and slice, plus <c>all</c> per role. No row passes through C#.
/// </summary>
public static class TelemetryLoader
{
    /// <summary>Loads and aggregates the file.</summary>
    /// <param name="path">The telemetry file.</param>
    /// <param name="percentiles">The latency and TTFT percentiles to compute (0–100), e.g. <see cref="Evaluation.PolicyPack.LatencyPercentiles"/>.</param>
    /// <param name="candidateModel">When given, candidate rows whose <c>model</c> names another model are rejected.</param>
    /// <param name="samples">Raw samples to read besides the aggregates, e.g. <see cref="Evaluation.PolicyPack.SampledMetrics"/>.</param>
    /// <param name="calibrationBins">The confidence bins of expected calibration error (<see cref="Evaluation.PolicyPack.CalibrationBins"/>).</param>
    /// <exception cref="InputException">The file is missing, unreadable, or a column or row breaks the contract.</exception>
    public static TelemetryFacts Load(string path, IReadOnlyList<double> percentiles, string? candidateModel = null, IReadOnlyList<Evaluation.SampleDemand>? samples = null, int calibrationBins = 10)
    {
        ArgumentNullException.ThrowIfNull(percentiles);
        ArgumentOutOfRangeException.ThrowIfLessThan(calibrationBins, 1);
        InputFile.Check(path);
        using var literal = LiteralPath.For(path);
        var source = TelemetryFormats.ReadFunction(literal.Path);
        // The hash reads the file on its own thread while DuckDB aggregates it.
        var sha = Task.Run(() => InputFile.Hash(path));
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        source = Sniffed(connection, literal.Path, source);
        var columns = Describe(connection, path, source);
        var query = new TelemetryQuery(path, source, columns, percentiles, candidateModel);
        var groups = Aggregate(connection, path, query);
        var overall = groups.Where(g => g.Overall).ToList();
        if (overall.Count == 0)
        {
            throw new InputException(path, "", "has no rows; expected one row per request");
        }

        if (overall.Any(g => !Names.Roles.ContainsKey(g.Role)))
        {
            throw Violation(connection, path, query, query.RoleCheck) ?? new InputException(path, "column 'role'", "holds a value other than candidate or baseline");
        }

        if (overall.Sum(g => g.Violations) > 0)
        {
            // Name the first broken row of the first check that any row breaks.
            throw query.Checks.Select(check => Violation(connection, path, query, check)).FirstOrDefault(e => e is not null)
                ?? new InputException(path, "", "has rows that break the telemetry contract");
        }

        groups = Calibrated(connection, path, query, calibrationBins, groups);
        // Rows without a slice (empty or "all") belong to the overall group only.
        var metrics = groups.Where(g => g.Overall || g.SliceKey is not (null or Slices.All)).Select(g => g.ToMetrics(percentiles)).ToList();
        return new TelemetryFacts(metrics, new InputFile("telemetry", path, sha.GetAwaiter().GetResult(), overall.Sum(g => g.Requests)))
        {
            Samples = (samples ?? []).SelectMany(demand => Samples(connection, path, query, demand)).ToList(),
        };
    }

    /// <summary>
    /// One role's raw values of a measure on a slice, per role: read only for a pack that ranks distributions,
    /// and only after every row passed its checks, so the values are valid. A role without values yields none.
    /// </summary>
    private static List<MetricSamples> Samples(DuckDBConnection connection, string path, TelemetryQuery query, Evaluation.SampleDemand demand)
    {
        var found = new List<MetricSamples>();
        if (query.Samples(demand) is not { } sql)
        {
            return found;
        }

        Run(connection, path, sql, reader =>
        {
            var role = Names.RoleOf(reader.GetString(0));
            found.Add(new MetricSamples(role, demand.Slice, demand.Metric, reader.GetFieldValue<List<double>>(1)));
        });
        return found;
    }

    /// <summary>
    /// A CSV file's dialect and columns, detected once: DuckDB's sniffer costs tens of milliseconds, and every read
    /// of the file (header check, columns, aggregation, samples) would otherwise sniff it again. The sniffer's own
    /// explicit read function is used only when it names the file exactly as <paramref name="source"/> does;
    /// otherwise each read detects the dialect itself, as before.
    /// </summary>
    private static string Sniffed(DuckDBConnection connection, string path, string source)
    {
        if (TelemetryFormats.Of(path) != TelemetryFormat.Csv)
        {
            return source;
        }

        string? prompt = null;
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT Prompt FROM sniff_csv({Sql.Literal(path)}, header = true, all_varchar = true)";
            prompt = command.ExecuteScalar() as string;
        }
        catch (DuckDBException)
        {
            // The reads below report what is wrong with the file, by row.
        }

        var expected = $"FROM read_csv({Sql.Literal(path)}, auto_detect=false, ";
        return prompt is not null && prompt.StartsWith(expected, StringComparison.Ordinal) && prompt.EndsWith(");", StringComparison.Ordinal)
            && prompt.Contains("all_varchar=true", StringComparison.Ordinal) && prompt.Contains("header=true", StringComparison.Ordinal)
            ? prompt["FROM ".Length..^1]
            : source;
    }

    private static Dictionary<string, string> Describe(DuckDBConnection connection, string path, string source)
    {
        if (TelemetryFormats.Of(path) == TelemetryFormat.Csv)
        {
            DistinctHeader(connection, path, source);
        }

        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        Run(connection, path, $"DESCRIBE SELECT * FROM {source}", reader => columns[reader.GetString(0)] = reader.GetString(1));
        return columns;
    }

    /// <summary>
    /// A CSV header that names a column twice is refused: DuckDB would rename the second (latency_ms_1) and the
    /// gate would judge one of two columns without a word. The header is read as a data row to see it as written.
    /// </summary>
    private static void DistinctHeader(DuckDBConnection connection, string path, string source)
    {
        var header = new List<string?>();
        var raw = source.Replace("header = true", "header = false", StringComparison.Ordinal).Replace("header=true", "header=false", StringComparison.Ordinal);
        Run(connection, path, $"SELECT * FROM {raw} LIMIT 1", reader =>
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                header.Add(reader.IsDBNull(i) ? null : reader.GetString(i));
            }
        });
        var twice = header.Select((name, i) => (name, i)).Where(c => c.name is not null).GroupBy(c => c.name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InputException(path, $"column '{twice.Key}'",
                $"appears {twice.Count()} times in the header (columns {string.Join(" and ", twice.Select(c => (c.i + 1).ToString(CultureInfo.InvariantCulture)))}); expected each column once");
        }
    }

    /// <summary>The groups with their expected calibration error, read after every row passed its checks; unchanged when the file has no confidence.</summary>
    private static List<Group> Calibrated(DuckDBConnection connection, string path, TelemetryQuery query, int bins, List<Group> groups)
    {
        if (query.Calibration(bins) is not { } sql)
        {
            return groups;
        }

        var found = new Dictionary<(string, string?, bool), (long Calibrated, double Ece)>();
        Run(connection, path, sql, reader =>
            found[(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2) == 1)] = (reader.GetInt64(3), reader.GetDouble(4)));
        return [.. groups.Select(g => found.TryGetValue((g.Role, g.SliceKey, g.Overall), out var c) ? g with { Calibrated = c.Calibrated, CalibrationError = c.Ece } : g)];
    }

    private static List<Group> Aggregate(DuckDBConnection connection, string path, TelemetryQuery query)
    {
        var groups = new List<Group>();
        Run(connection, path, query.Aggregation(), reader =>
        {
            groups.Add(new Group(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetInt64(2) == 1,
                reader.GetInt64(3),
                List(reader, "latency"),
                List(reader, "ttft"),
                Known(reader, "errors_known", "error_rate"),
                reader.GetInt64(reader.GetOrdinal("labeled")),
                Double(reader, "accuracy"),
                Known(reader, "hallucination_labeled", "hallucination_rate"),
                Double(reader, "latency_sum") ?? 0,
                Complete(reader, "input_known", "input_tokens"),
                Complete(reader, "output_known", "output_tokens"),
                Complete(reader, "cost_known", "cost"),
                Complete(reader, "gpu_known", "gpu_seconds"),
                reader.GetInt64(reader.GetOrdinal("violations"))));
        });
        return groups;
    }

    /// <summary>The error naming the first row that breaks <paramref name="check"/>, or null when no row does.</summary>
    private static InputException? Violation(DuckDBConnection connection, string path, TelemetryQuery query, RowCheck check)
    {
        long row = 0, count = 0;
        string? value = null;
        Run(connection, path, query.FirstViolation(check), reader =>
        {
            row = reader.GetInt64(0);
            value = reader.IsDBNull(1) ? null : reader.GetString(1);
            count = reader.GetInt64(2);
        });
        if (count == 0)
        {
            return null;
        }

        var shown = value is null ? "(empty)" : $"'{value}'";
        var line = TelemetryFormats.Of(path) == TelemetryFormat.Parquet ? "" : $" (line {row + (TelemetryFormats.Of(path) == TelemetryFormat.Csv ? 1 : 0)})";
        var more = count > 1 ? $" ({count.ToString(CultureInfo.InvariantCulture)} rows like this)" : "";
        return new InputException(path, $"row {row}{line}, column '{check.Column}'", $"value {shown} {check.Problem}{more}");
    }

    private static void Run(DuckDBConnection connection, string path, string sql, Action<DuckDBDataReader> row)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                row(reader);
            }
        }
        catch (DuckDBException e)
        {
            throw new InputException(path, "", $"cannot be read as {Describe(TelemetryFormats.Of(path))}: {FirstLine(e.Message)}", e);
        }
    }

    private static string Describe(TelemetryFormat format) => format switch
    {
        TelemetryFormat.Parquet => "Parquet",
        TelemetryFormat.Csv => "CSV with a header row",
        _ => "JSON lines (one object per line)",
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private static List<double>? List(DuckDBDataReader reader, string name)
    {
        var ordinal = reader.GetOrdinal(name);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<List<double>>(ordinal);
    }

    private static double? Double(DuckDBDataReader reader, string name)
    {
        var ordinal = reader.GetOrdinal(name);
        return reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
    }

    /// <summary>The figure when at least one row had the column filled.</summary>
    private static double? Known(DuckDBDataReader reader, string count, string name) =>
        reader.GetInt64(reader.GetOrdinal(count)) > 0 ? Double(reader, name) : null;

    /// <summary>The sum, only when every row of the group had the column filled: a partial sum would understate.</summary>
    private static double? Complete(DuckDBDataReader reader, string count, string name) =>
        reader.GetInt64(reader.GetOrdinal(count)) == reader.GetInt64(reader.GetOrdinal("requests")) ? Double(reader, name) : null;
}
