namespace PolicyEngine.Gate.Tests;

/// <summary>A folder of files a test writes, deleted with it.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "policyengine-tests", Guid.NewGuid().ToString("N"));

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes the rows of a DuckDB query as a Parquet file.</summary>
    public string Parquet(string name, string query) => Copy(name, query, "parquet");

    /// <summary>Writes the rows of a DuckDB query in a DuckDB COPY format (parquet, json, csv).</summary>
    public string Copy(string name, string query, string format)
    {
        var path = PathOf(name);
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({query}) TO '{path}' (FORMAT {format})";
        command.ExecuteNonQuery();
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
