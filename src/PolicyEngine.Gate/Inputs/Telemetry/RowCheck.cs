namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>A check every row must pass.</summary>
/// <param name="Column">The column it reads.</param>
/// <param name="Violation">SQL true for a row that fails it.</param>
/// <param name="Problem">What is wrong with such a row, for the message.</param>
internal sealed record RowCheck(string Column, string Violation, string Problem);
