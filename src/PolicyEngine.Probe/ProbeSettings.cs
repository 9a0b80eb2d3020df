namespace PolicyEngine.Probe;

/// <summary>What to probe and how.</summary>
public sealed record ProbeSettings
{
    /// <summary>The candidate model (.onnx).</summary>
    public required string ModelPath { get; init; }

    /// <summary>A baseline model to measure agreement with, on the same inputs; null for none.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>
    /// A directory holding the native ONNX Runtime (with the CUDA and TensorRT providers) to run on instead of the
    /// CPU build the program ships; null for the shipped one. See <see cref="OnnxRuntimeNatives"/>.
    /// </summary>
    public string? OnnxRuntimeDirectory { get; init; }

    /// <summary>The provider asked for.</summary>
    public ProbeProvider Provider { get; init; } = ProbeProvider.Auto;

    /// <summary>The GPU (or TensorRT) device id.</summary>
    public int DeviceId { get; init; }

    /// <summary>The batch sizes to time, each separately. Ignored with <see cref="InputPath"/>, whose tensors fix the batch.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [1];

    /// <summary>Untimed runs before each batch size's timed ones: they pay for allocation, kernel selection and caches.</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>Timed runs per batch size.</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Values for symbolic dimensions other than the batch, e.g. <c>seq = 128</c>.</summary>
    public IReadOnlyDictionary<string, int> Dimensions { get; init; } = new Dictionary<string, int>();

    /// <summary>A JSON file with the input tensors to use instead of generated ones.</summary>
    public string? InputPath { get; init; }

    /// <summary>The GPU's price in USD per hour, to turn throughput into USD per 1k inferences; null for none.</summary>
    public double? GpuUsdPerHour { get; init; }

    /// <summary>The seed of generated inputs: the same seed, the same inputs, for candidate and baseline alike.</summary>
    public int Seed { get; init; } = 20261125;
}
