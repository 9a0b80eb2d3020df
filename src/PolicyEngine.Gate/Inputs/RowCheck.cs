namespace PolicyEngine.Gate.Inputs;

/// <summary>A check every row must pass.</summary>
/// <param name="Column">The column it reads.</param>
/// <param name="Violation">SQL over the file's columns, true for a row that fails it: finds the row to name.</param>
/// <param name="Problem">What is wrong with such a row, for the message.</param>
/// <param name="Detector">
/// SQL aggregate over the aggregation's typed (<c>v:</c>) and raw (<c>r:</c>) columns, true when some row of a
/// group fails: a minimum, maximum or count rather than a test per row, so checking costs the scan almost nothing.
/// </param>
internal sealed record RowCheck(string Column, string Violation, string Problem, string Detector);
