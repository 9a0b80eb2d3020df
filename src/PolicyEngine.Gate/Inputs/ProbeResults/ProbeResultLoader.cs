namespace PolicyEngine.Gate.Inputs.ProbeResults;

/// <summary>Loads a probe result into one <see cref="ProbeMeasurement"/> fact per batch size.</summary>
public static class ProbeResultLoader
{
    private static readonly ProbeResultValidator Validator = new();

    /// <summary>Loads the result.</summary>
    /// <exception cref="InputException">The file is missing or invalid.</exception>
    public static (IReadOnlyList<ProbeMeasurement> Measurements, InputFile File) Load(string path)
    {
        var (document, sha) = JsonInput.Read(path, Validator);
        var provider = document.ProviderUsed switch
        {
            "cuda" => ExecutionProvider.Cuda,
            "tensorrt" => ExecutionProvider.TensorRT,
            _ => ExecutionProvider.Cpu,
        };
        var measurements = document.Measurements!.Select(m => new ProbeMeasurement
        {
            BatchSize = m.BatchSize!.Value,
            Provider = provider,
            P50Milliseconds = m.P50Ms ?? double.NaN,
            P95Milliseconds = m.P95Ms ?? double.NaN,
            P99Milliseconds = m.P99Ms ?? double.NaN,
            Throughput = m.Throughput ?? double.NaN,
            Agreement = m.Agreement,
            UsdPer1kInferences = m.UsdPer1kInferences,
            // A measurement stopped part way decides nothing; the guardrail says so.
            Complete = m.Complete == true && m.Iterations > 0,
        }).ToList();
        return (measurements, new InputFile("probe", path, sha, measurements.Count));
    }
}
