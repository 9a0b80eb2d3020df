using System.CommandLine;
using System.Globalization;
using PolicyEngine.Probe;

namespace PolicyEngine.Cli;

/// <summary>How to probe a model: shared by <c>probe</c> (plain names) and <c>gate</c> (the same names after <c>--probe-</c>).</summary>
public sealed class ProbeOptions
{
    /// <summary>Creates the options, each name after <paramref name="prefix"/> (<c>--</c> or <c>--probe-</c>).</summary>
    public ProbeOptions(string prefix)
    {
        Baseline = new($"{prefix}baseline") { Description = "A baseline model (.onnx) to measure argmax agreement and output differences against, on the same inputs." };
        Provider = new($"{prefix}provider") { Description = "Execution provider: auto (CUDA, else CPU with the reason recorded), cpu, cuda or tensorrt (an error when they cannot load).", DefaultValueFactory = _ => "auto" };
        Provider.AcceptOnlyFromAmong("auto", "cpu", "cuda", "tensorrt");
        DeviceId = new($"{prefix}device-id") { Description = "The GPU to run on.", DefaultValueFactory = _ => 0 };
        BatchSizes = new($"{prefix}batch-sizes") { Description = "Batch sizes to time, each separately, e.g. 1 8 32.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [1] };
        BatchSizes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int[]>() is { } sizes && sizes.Any(s => s < 1))
            {
                r.AddError($"{BatchSizes.Name}: batch sizes are 1 or more");
            }
        });
        Warmup = new($"{prefix}warmup") { Description = "Untimed runs before each batch size's timed runs.", DefaultValueFactory = _ => 10 };
        Iterations = new($"{prefix}iterations") { Description = "Timed runs per batch size.", DefaultValueFactory = _ => 100 };
        Iterations.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError($"{Iterations.Name}: at least one timed run");
            }
        });
        Dimensions = new($"{prefix}dim") { Description = "The size of a symbolic input dimension other than the batch, name=value; repeatable." };
        Dimensions.Validators.Add(r =>
        {
            foreach (var bad in (r.GetValueOrDefault<string[]>() ?? []).Where(d => ParseDimension(d) is null))
            {
                r.AddError($"{Dimensions.Name}: '{bad}' is not name=size (a size of 1 or more)");
            }
        });
        Input = new($"{prefix}input") { Description = "Input tensors (JSON, docs/schemas/probe-input.schema.json) instead of generated ones; their batch is the one probed." };
        OnnxRuntime = new($"{prefix}onnxruntime")
        {
            Description = $"The native ONNX Runtime {OnnxRuntimeNatives.ExpectedVersion} GPU build to run on (its folder, with the CUDA and TensorRT providers), installed once as docs/probe.md says; default: ${OnnxRuntimeEnvironment}, else the CPU build shipped with the tool.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(OnnxRuntimeEnvironment) is { Length: > 0 } folder ? new DirectoryInfo(folder) : null,
        };
        GpuUsdPerHour = new("--gpu-usd-per-hour") { Description = "The GPU's price in USD per hour: turns throughput into USD per 1k inferences." };
    }

    /// <summary>--baseline.</summary>
    public Option<FileInfo?> Baseline { get; }

    /// <summary>--provider.</summary>
    public Option<string> Provider { get; }

    /// <summary>--device-id.</summary>
    public Option<int> DeviceId { get; }

    /// <summary>--batch-sizes.</summary>
    public Option<int[]> BatchSizes { get; }

    /// <summary>--warmup.</summary>
    public Option<int> Warmup { get; }

    /// <summary>--iterations.</summary>
    public Option<int> Iterations { get; }

    /// <summary>--dim.</summary>
    public Option<string[]> Dimensions { get; }

    /// <summary>--input.</summary>
    public Option<FileInfo?> Input { get; }

    /// <summary>The environment variable naming the GPU build's folder when the option is not given.</summary>
    public const string OnnxRuntimeEnvironment = "POLICYENGINE_ONNXRUNTIME";

    /// <summary>--onnxruntime.</summary>
    public Option<DirectoryInfo?> OnnxRuntime { get; }

    /// <summary>--gpu-usd-per-hour.</summary>
    public Option<double?> GpuUsdPerHour { get; }

    /// <summary>All of them, to add to a command.</summary>
    public IEnumerable<Option> All => [Baseline, Provider, DeviceId, BatchSizes, Warmup, Iterations, Dimensions, Input, OnnxRuntime, GpuUsdPerHour];

    /// <summary>The probe settings for <paramref name="model"/>.</summary>
    public ProbeSettings Settings(ParseResult parse, string model)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ProbeSettings
        {
            ModelPath = model,
            BaselinePath = parse.GetValue(Baseline)?.ToString(),
            Provider = Enum.Parse<ProbeProvider>(parse.GetValue(Provider)!, ignoreCase: true),
            DeviceId = parse.GetValue(DeviceId),
            BatchSizes = parse.GetValue(BatchSizes) ?? [1],
            Warmup = parse.GetValue(Warmup),
            Iterations = parse.GetValue(Iterations),
            Dimensions = (parse.GetValue(Dimensions) ?? []).Select(ParseDimension).OfType<KeyValuePair<string, int>>().ToDictionary(),
            InputPath = parse.GetValue(Input)?.ToString(),
            GpuUsdPerHour = parse.GetValue(GpuUsdPerHour),
            OnnxRuntimeDirectory = parse.GetValue(OnnxRuntime)?.ToString(),
        };
    }

    private static KeyValuePair<string, int>? ParseDimension(string text) =>
        text.Split('=', 2) is [var name, var size] && name.Length > 0 && int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? KeyValuePair.Create(name, value)
            : null;
}
