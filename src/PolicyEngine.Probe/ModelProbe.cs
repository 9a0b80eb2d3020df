using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using PolicyEngine.Statistics;

namespace PolicyEngine.Probe;

/// <summary>
/// Runs the candidate model with ONNX Runtime and measures it: per batch size, warm-up then timed runs
/// (P50/P95/P99, throughput), agreement with a baseline model on the same inputs, cost at a GPU price,
/// memory, and the provider and device it actually ran on. Cancellation stops cleanly: what was measured
/// is kept and marked incomplete.
/// </summary>
public static class ModelProbe
{
    /// <summary>Items agreement is measured on per batch size (rounded up to whole batches).</summary>
    public const int AgreementItems = 256;

    /// <summary>The ONNX Runtime version.</summary>
    public static string OnnxRuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <summary>Probes the model.</summary>
    /// <exception cref="ProbeException">The model, an input or an explicitly requested provider cannot be used.</exception>
    public static ProbeResultDocument Run(ProbeSettings settings, IProgress<ProbeProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        OnnxRuntimeNatives.Load(settings.OnnxRuntimeDirectory);
        var started = DateTimeOffset.UtcNow;
        var candidateModel = Describe(settings.ModelPath);
        var baselineModel = settings.BaselinePath is null ? null : Describe(settings.BaselinePath);
        var selection = ProviderSelection.For(settings.Provider, settings.DeviceId);
        InferenceSession candidate;
        try
        {
            candidate = Open(settings.ModelPath, selection.Options);
        }
        catch (ProbeException) when (settings.Provider == ProbeProvider.Auto && selection.Used != ProbeProvider.Cpu)
        {
            // CUDA loaded but the session would not start on it (no device, out of memory): auto falls back.
            selection.Dispose();
            selection = ProviderSelection.For(ProbeProvider.Cpu, settings.DeviceId) with { FallbackReason = "the CUDA provider loaded but the model would not start on it" };
            candidate = Open(settings.ModelPath, selection.Options);
        }

        using (selection)
        using (candidate)
        using (var baseline = settings.BaselinePath is null ? null : Open(settings.BaselinePath, selection.Options))
        {
            var gpu = selection.Used != ProbeProvider.Cpu;
            var fixedInputs = settings.InputPath is null ? null : ProbeInputFile.Read(settings.InputPath, candidate.InputMetadata);
            var batchSizes = fixedInputs is null ? settings.BatchSizes : [fixedInputs[0].BatchSize];
            var measurements = new List<ProbeMeasurementDocument>();
            long? peakDevice = null;
            foreach (var batch in batchSizes)
            {
                var inputs = fixedInputs ?? ModelInputs.Generate(candidate.InputMetadata, batch, settings.Dimensions, settings.Seed);
                var measurement = Measure(candidate, baseline, inputs, batch, settings, progress, cancel);
                measurements.Add(measurement);
                if (gpu && NvidiaDevice.MemoryUsed(settings.DeviceId) is { } used)
                {
                    peakDevice = Math.Max(peakDevice ?? 0, used);
                }

                if (measurement.Complete != true)
                {
                    break;
                }
            }

            using var process = Process.GetCurrentProcess();
            return new ProbeResultDocument
            {
                Model = candidateModel,
                Baseline = baselineModel,
                ProviderRequested = settings.Provider.ToString().ToLowerInvariant(),
                ProviderUsed = selection.Used.ToString().ToLowerInvariant(),
                FallbackReason = selection.FallbackReason,
                Device = gpu ? NvidiaDevice.Describe(settings.DeviceId) : null,
                OnnxRuntimeVersion = OnnxRuntimeVersion,
                StartedAt = started,
                FinishedAt = DateTimeOffset.UtcNow,
                Complete = measurements.Count == batchSizes.Count && measurements.All(m => m.Complete == true),
                PeakProcessMemoryBytes = process.PeakWorkingSet64,
                PeakDeviceMemoryBytes = peakDevice,
                GpuUsdPerHour = settings.GpuUsdPerHour,
                Measurements = measurements,
            };
        }
    }

    private static ProbeMeasurementDocument Measure(
        InferenceSession candidate,
        InferenceSession? baseline,
        IReadOnlyList<InputTensor> inputs,
        int batch,
        ProbeSettings settings,
        IProgress<ProbeProgress>? progress,
        CancellationToken cancel)
    {
        var names = inputs.Select(i => i.Name).ToArray();
        var values = inputs.Select(i => i.ToOrtValue()).ToArray();
        var outputs = candidate.OutputNames.ToArray();
        using var runOptions = new RunOptions();
        try
        {
            for (var i = 0; i < settings.Warmup && !cancel.IsCancellationRequested; i++)
            {
                using (Execute(candidate, runOptions, names, values, outputs))
                {
                }

                progress?.Report(new ProbeProgress(batch, "warm-up", i + 1, settings.Warmup));
            }

            var timings = TimeRuns(candidate, runOptions, names, values, settings.Iterations, i => progress?.Report(new ProbeProgress(batch, "timing", i, settings.Iterations)), cancel);

            var complete = timings.Count == settings.Iterations && settings.Iterations > 0;
            var measurement = new ProbeMeasurementDocument { BatchSize = batch, Warmup = settings.Warmup, Iterations = timings.Count, Complete = complete };
            if (timings.Count > 0)
            {
                timings.Sort();
                var mean = timings.Average();
                measurement.P50Ms = LinearPercentile.Of(timings, 50);
                measurement.P95Ms = LinearPercentile.Of(timings, 95);
                measurement.P99Ms = LinearPercentile.Of(timings, 99);
                measurement.MeanMs = mean;
                measurement.Throughput = batch * 1000 / mean;
                measurement.UsdPer1kInferences = settings.GpuUsdPerHour is { } price ? price / 3600 / measurement.Throughput * 1000 : null;
            }

            if (complete && baseline is not null)
            {
                var comparison = Compare(candidate, baseline, inputs, batch, settings, progress, cancel);
                measurement.Complete = !cancel.IsCancellationRequested;
                measurement.Agreement = comparison.Agreement;
                measurement.AgreementSamples = (int)comparison.Items;
                measurement.MaxAbsDiff = comparison.MaxAbsDiff;
                measurement.MeanAbsDiff = comparison.MeanAbsDiff;
            }

            return measurement;
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>
    /// The probe's timed loop: <paramref name="iterations"/> runs of the session on the values, each timed
    /// alone (outputs included, as a caller would pay for them); stops early when cancelled. Milliseconds per run.
    /// </summary>
    public static List<double> TimeRuns(InferenceSession session, RunOptions options, string[] names, OrtValue[] values, int iterations, Action<int>? ran, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(session);
        var outputs = session.OutputNames.ToArray();
        var timings = new List<double>(iterations);
        for (var i = 0; i < iterations && !cancel.IsCancellationRequested; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using (Execute(session, options, names, values, outputs))
            {
            }

            timings.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            ran?.Invoke(i + 1);
        }

        return timings;
    }

    /// <summary>Candidate and baseline on the same inputs: the given ones, or generated batches until <see cref="AgreementItems"/> items.</summary>
    private static OutputComparison Compare(
        InferenceSession candidate,
        InferenceSession baseline,
        IReadOnlyList<InputTensor> inputs,
        int batch,
        ProbeSettings settings,
        IProgress<ProbeProgress>? progress,
        CancellationToken cancel)
    {
        var comparison = new OutputComparison();
        var output = candidate.OutputNames[0];
        var batches = settings.InputPath is null ? (AgreementItems + batch - 1) / batch : 1;
        using var runOptions = new RunOptions();
        for (var k = 0; k < batches && !cancel.IsCancellationRequested; k++)
        {
            var tensors = k == 0 ? inputs : ModelInputs.Generate(candidate.InputMetadata, batch, settings.Dimensions, settings.Seed + k);
            var names = tensors.Select(t => t.Name).ToArray();
            var values = tensors.Select(t => t.ToOrtValue()).ToArray();
            try
            {
                using var mine = Execute(candidate, runOptions, names, values, [output]);
                using var theirs = Execute(baseline, runOptions, names, values, [output]);
                if (mine[0].GetTensorTypeAndShape().ElementDataType != TensorElementType.Float || theirs[0].GetTensorTypeAndShape().ElementDataType != TensorElementType.Float)
                {
                    throw new ProbeException($"output '{output}' is not a float tensor in both models; agreement compares float outputs");
                }

                var shape = mine[0].GetTensorTypeAndShape().Shape;
                comparison.Add(mine[0].GetTensorDataAsSpan<float>(), theirs[0].GetTensorDataAsSpan<float>(), shape.Length == 0 ? 1 : (int)shape[^1]);
            }
            finally
            {
                foreach (var value in values)
                {
                    value.Dispose();
                }
            }

            progress?.Report(new ProbeProgress(batch, "agreement", k + 1, batches));
        }

        return comparison;
    }

    private static IDisposableReadOnlyCollection<OrtValue> Execute(InferenceSession session, RunOptions options, string[] names, OrtValue[] values, string[] outputs)
    {
        try
        {
            return session.Run(options, names, values, outputs);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ProbeException($"running the model failed: {e.Message}", e);
        }
    }

    private static InferenceSession Open(string path, SessionOptions options)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ProbeException($"{path}: is not an ONNX model ONNX Runtime can load: {e.Message}", e);
        }
    }

    private static ProbeModelDocument Describe(string path)
    {
        try
        {
            var sha = InputFile.CheckAndHash(path);
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            using var session = Open(path, options);
            return new ProbeModelDocument
            {
                Path = path,
                Sha256 = sha,
                SizeBytes = new FileInfo(path).Length,
                Inputs = [.. session.InputMetadata.Select(i => ModelInputs.Describe(i.Key, i.Value))],
                Outputs = [.. session.OutputMetadata.Select(o => ModelInputs.Describe(o.Key, o.Value))],
            };
        }
        catch (InputException e)
        {
            throw new ProbeException(e.Message, e);
        }
    }
}
