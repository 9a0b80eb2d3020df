using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace PolicyEngine.Probe;

/// <summary>The session options for a provider, and what was actually chosen.</summary>
/// <param name="Options">The options to create sessions with.</param>
/// <param name="Used">The provider the sessions run on.</param>
/// <param name="FallbackReason">Why <see cref="ProbeProvider.Auto"/> fell back to the CPU; null when it did not.</param>
public sealed record ProviderSelection(SessionOptions Options, ProbeProvider Used, string? FallbackReason) : IDisposable
{
    /// <summary>Creates session options for <paramref name="requested"/>.</summary>
    /// <exception cref="ProbeException">An explicitly requested GPU provider cannot load.</exception>
    public static ProviderSelection For(ProbeProvider requested, int deviceId)
    {
        if (requested == ProbeProvider.Cpu)
        {
            return new ProviderSelection(Cpu(), ProbeProvider.Cpu, null);
        }

        var options = Cpu();
        try
        {
            if (requested == ProbeProvider.TensorRT)
            {
                options.AppendExecutionProvider_Tensorrt(deviceId);
            }

            options.AppendExecutionProvider_CUDA(deviceId);
            return new ProviderSelection(options, requested == ProbeProvider.TensorRT ? ProbeProvider.TensorRT : ProbeProvider.Cuda, null);
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException)
        {
            options.Dispose();
            var reason = Diagnose(requested == ProbeProvider.TensorRT ? "tensorrt" : "cuda", e);
            if (requested != ProbeProvider.Auto)
            {
                throw new ProbeException($"the {requested} provider cannot be used: {reason}", e);
            }

            return new ProviderSelection(Cpu(), ProbeProvider.Cpu, $"CUDA is not available: {reason}");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Options.Dispose();

    private static SessionOptions Cpu() => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
    };

    /// <summary>
    /// ONNX Runtime only says "Failed to load shared library"; loading the provider library ourselves makes
    /// the dynamic loader name what is missing (e.g. libcublasLt.so.13).
    /// </summary>
    private static string Diagnose(string provider, Exception e)
    {
        if (e is EntryPointNotFoundException)
        {
            // The CPU build exports no GPU provider entry points at all: no provider file beside it can help.
            return $"the ONNX Runtime in {OnnxRuntimeNatives.Directory} is the CPU build; the GPU probe needs ONNX Runtime {OnnxRuntimeNatives.ExpectedVersion}'s GPU build, installed once (docs/probe.md, \"GPU probe\")";
        }

        var library = Path.Combine(OnnxRuntimeNatives.Directory, OperatingSystem.IsWindows() ? $"onnxruntime_providers_{provider}.dll" : $"libonnxruntime_providers_{provider}.so");
        if (!File.Exists(library))
        {
            return $"{Path.GetFileName(library)} is not in {OnnxRuntimeNatives.Directory}: the GPU probe needs ONNX Runtime {OnnxRuntimeNatives.ExpectedVersion}'s GPU build, installed once (docs/probe.md, \"GPU probe\") ({e.Message})";
        }

        try
        {
            var handle = NativeLibrary.Load(library);
            NativeLibrary.Free(handle);
            return e.Message;
        }
        catch (DllNotFoundException missing)
        {
            var detail = missing.Message.Split(':', 2) is [_, var rest] ? rest.Trim() : missing.Message;
            return $"{Path.GetFileName(library)} cannot load: {detail} (the {provider.ToUpperInvariant()} provider needs CUDA 13 libraries on the loader path)";
        }
    }
}
