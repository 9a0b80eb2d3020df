using System.Globalization;

namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>Quoting for the few values spliced into DuckDB SQL (paths and names, which table functions take only as literals).</summary>
internal static class Sql
{
    /// <summary>A string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted identifier.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A double literal, invariant.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
