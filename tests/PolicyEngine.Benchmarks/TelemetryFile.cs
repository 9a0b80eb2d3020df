using DuckDB.NET.Data;

namespace PolicyEngine.Benchmarks;

/// <summary>Synthetic request telemetry written by DuckDB itself: every column of the contract, candidate and baseline, three slices.</summary>
public static class TelemetryFile
{
    /// <summary>Writes <paramref name="rows"/> rows to a Parquet file (reused when it already exists) and returns its path.</summary>
    public static string Parquet(long rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"policyengine-bench-{rows}.parquet");
        if (File.Exists(path))
        {
            return path;
        }

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            COPY (
              SELECT
                TIMESTAMP '2026-11-24 00:00:00' + to_milliseconds(i) AS timestamp,
                CASE WHEN i % 2 = 0 THEN 'candidate' ELSE 'baseline' END AS role,
                'support-assistant' AS model,
                ['interactive', 'billing', 'search'][1 + (hash(i) % 3)::INTEGER] AS slice,
                50 + (hash(i * 7) % 60000) / 100.0 AS latency_ms,
                5 + (hash(i * 11) % 20000) / 100.0 AS ttft_ms,
                (10 + hash(i * 13) % 1500)::BIGINT AS input_tokens,
                (1 + hash(i * 17) % 800)::BIGINT AS output_tokens,
                CASE WHEN hash(i * 19) % 10 < 3 THEN NULL ELSE hash(i * 23) % 10 < 9 END AS correct,
                CASE WHEN hash(i * 19) % 10 < 3 THEN NULL ELSE hash(i * 29) % 100 < 2 END AS hallucinated,
                hash(i * 31) % 100 < 1 AS error,
                (hash(i * 37) % 1000) / 100000.0 AS cost_usd,
                (hash(i * 41) % 1000) / 1000.0 AS gpu_seconds
              FROM range({rows}) t(i)
            ) TO '{path}' (FORMAT parquet)
            """;
        command.ExecuteNonQuery();
        return path;
    }
}
