namespace PolicyEngine.Probe;

/// <summary>Where a running probe is, for a progress display.</summary>
/// <param name="BatchSize">The batch size being measured.</param>
/// <param name="Phase">warm-up, timing or agreement.</param>
/// <param name="Done">Runs done in this phase.</param>
/// <param name="Total">Runs in this phase.</param>
public sealed record ProbeProgress(int BatchSize, string Phase, int Done, int Total);
