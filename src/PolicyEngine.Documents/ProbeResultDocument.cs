using System.Text.Json.Serialization;

namespace PolicyEngine.Documents;

/// <summary>What <c>policyengine probe</c> measured (docs/schemas/probe-result.schema.json): written by the probe, read by the gate.</summary>
public sealed class ProbeResultDocument
{
    /// <summary>The schema the file declares; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>The format version.</summary>
    public string? SchemaVersion { get; set; } = "1";

    /// <summary>The candidate model.</summary>
    public ProbeModelDocument? Model { get; set; }

    /// <summary>The baseline model agreement was measured against, if any.</summary>
    public ProbeModelDocument? Baseline { get; set; }

    /// <summary>auto, cpu, cuda or tensorrt.</summary>
    public string? ProviderRequested { get; set; }

    /// <summary>cpu, cuda or tensorrt: what the model actually ran on.</summary>
    public string? ProviderUsed { get; set; }

    /// <summary>Why auto fell back to the CPU; null when it did not.</summary>
    public string? FallbackReason { get; set; }

    /// <summary>The GPU, when one was used and NVML could describe it.</summary>
    public ProbeDeviceDocument? Device { get; set; }

    /// <summary>The ONNX Runtime version.</summary>
    public string? OnnxRuntimeVersion { get; set; }

    /// <summary>When the probe started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>False when the probe was stopped before every batch size was measured.</summary>
    public bool? Complete { get; set; }

    /// <summary>The process's peak resident memory, in bytes.</summary>
    public long? PeakProcessMemoryBytes { get; set; }

    /// <summary>The most GPU memory seen in use (all processes on the device), in bytes; null without a GPU.</summary>
    public long? PeakDeviceMemoryBytes { get; set; }

    /// <summary>The GPU price the cost figures assume, USD per hour.</summary>
    public double? GpuUsdPerHour { get; set; }

    /// <summary>One measurement per batch size.</summary>
    public List<ProbeMeasurementDocument>? Measurements { get; set; }
}

/// <summary>A probed model file.</summary>
public sealed class ProbeModelDocument
{
    /// <summary>The path as given.</summary>
    public string? Path { get; set; }

    /// <summary>SHA-256 of the file.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The file's size in bytes.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>Its inputs, e.g. <c>x: float[batch,16]</c>.</summary>
    public List<string>? Inputs { get; set; }

    /// <summary>Its outputs.</summary>
    public List<string>? Outputs { get; set; }
}

/// <summary>The GPU the probe ran on.</summary>
public sealed class ProbeDeviceDocument
{
    /// <summary>The device name, e.g. NVIDIA H100 80GB HBM3.</summary>
    public string? Name { get; set; }

    /// <summary>The driver version.</summary>
    public string? Driver { get; set; }

    /// <summary>The CUDA version the driver supports.</summary>
    public string? Cuda { get; set; }

    /// <summary>The device's memory, in bytes.</summary>
    public long? MemoryTotalBytes { get; set; }
}

/// <summary>The timings at one batch size.</summary>
public sealed class ProbeMeasurementDocument
{
    /// <summary>Items per run.</summary>
    public int? BatchSize { get; set; }

    /// <summary>Untimed runs first.</summary>
    public int? Warmup { get; set; }

    /// <summary>Timed runs completed.</summary>
    public int? Iterations { get; set; }

    /// <summary>Median latency per run, milliseconds.</summary>
    public double? P50Ms { get; set; }

    /// <summary>95th percentile latency per run, milliseconds.</summary>
    public double? P95Ms { get; set; }

    /// <summary>99th percentile latency per run, milliseconds.</summary>
    public double? P99Ms { get; set; }

    /// <summary>Mean latency per run, milliseconds.</summary>
    public double? MeanMs { get; set; }

    /// <summary>Items per second: batch size ÷ mean latency.</summary>
    public double? Throughput { get; set; }

    /// <summary>Share of items whose argmax agrees with the baseline's, 0–1.</summary>
    public double? Agreement { get; set; }

    /// <summary>Items agreement was measured on.</summary>
    public int? AgreementSamples { get; set; }

    /// <summary>Largest absolute difference between candidate and baseline outputs.</summary>
    public double? MaxAbsDiff { get; set; }

    /// <summary>Mean absolute difference between candidate and baseline outputs.</summary>
    public double? MeanAbsDiff { get; set; }

    /// <summary>USD per 1,000 inferences at the measured throughput and the given GPU price.</summary>
    public double? UsdPer1kInferences { get; set; }

    /// <summary>False when the probe was stopped during this batch size.</summary>
    public bool? Complete { get; set; }
}
