using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace PolicyEngine.Probe;

/// <summary>
/// Which native ONNX Runtime the probe runs on. The tool ships the CPU build of every platform; the GPU
/// build (CUDA and TensorRT providers) is a directory the user points at once (docs/probe.md, "GPU probe"):
/// its <c>libonnxruntime</c> is loaded instead, so the providers beside it are found by ONNX Runtime itself.
/// A process loads one native ONNX Runtime: the first probe fixes it.
/// </summary>
public static class OnnxRuntimeNatives
{
    private static readonly Lock Gate = new();
    private static bool _loaded;
    private static string? _directory;
    private static ProbeException? _failure;

    /// <summary>The ONNX Runtime version the managed API was built for; the native library must be the same release.</summary>
    public static string ExpectedVersion { get; } = typeof(OrtEnv).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "unknown";

    /// <summary>The file name of the native library on this platform.</summary>
    public static string LibraryFile =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so";

    /// <summary>The directory the native library and its providers were loaded from: the given one, or the program's own.</summary>
    public static string Directory => _directory ?? AppContext.BaseDirectory;

    /// <summary>
    /// Loads ONNX Runtime from <paramref name="directory"/> (null: the one shipped with the program) and checks
    /// that it is the release the managed API expects.
    /// </summary>
    /// <exception cref="ProbeException">The directory has no ONNX Runtime, holds another release, or another one is already loaded.</exception>
    public static void Load(string? directory)
    {
        var full = directory is null ? null : Path.GetFullPath(directory);
        if (full is not null && !File.Exists(Path.Combine(full, LibraryFile)))
        {
            // Checked before anything is bound, so the process can still probe with another directory.
            throw new ProbeException($"{full} has no {LibraryFile}: point the ONNX Runtime directory at the native folder of ONNX Runtime {ExpectedVersion} with the GPU providers (docs/probe.md, \"GPU probe\")");
        }

        lock (Gate)
        {
            if (_failure is not null)
            {
                // A failed load cannot be retried in the same process: the managed API keeps its first binding.
                throw new ProbeException(_failure.Message, _failure);
            }

            if (_loaded)
            {
                if (!string.Equals(full, _directory, StringComparison.Ordinal))
                {
                    throw new ProbeException($"ONNX Runtime is already loaded from {Directory} in this process; run the probe for {full ?? "the bundled ONNX Runtime"} in a new process");
                }

                return;
            }

            _directory = full;
            _loaded = true;
            try
            {
                if (full is not null)
                {
                    UseDirectory(full);
                }

                CreateEnvironment(full);
            }
            catch (ProbeException e)
            {
                _failure = e;
                throw;
            }
        }
    }

    private static void UseDirectory(string directory)
    {
        var library = Path.Combine(directory, LibraryFile);
        NativeLibrary.SetDllImportResolver(typeof(OrtEnv).Assembly, (name, _, _) =>
            name is "onnxruntime" or "onnxruntime.dll" ? NativeLibrary.Load(library) : IntPtr.Zero);
    }

    private static void CreateEnvironment(string? directory)
    {
        try
        {
            // ONNX Runtime logs a failed provider load to stderr itself; the probe reports the reason in its result.
            var options = new EnvironmentCreationOptions { logId = "policyengine-probe", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
            try
            {
                OrtEnv.CreateInstanceWithOptions(ref options);
            }
            catch (OnnxRuntimeException)
            {
                // The environment already exists (another component created it); its log level stays.
            }

            var version = OrtEnv.Instance().GetVersionString();
            if (version != ExpectedVersion)
            {
                throw new ProbeException($"{Path.Combine(directory ?? AppContext.BaseDirectory, LibraryFile)} is ONNX Runtime {version}, but this probe needs {ExpectedVersion} exactly: providers of another release do not load reliably (docs/probe.md, \"GPU probe\")");
            }
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or TypeInitializationException)
        {
            throw new ProbeException($"ONNX Runtime cannot load from {directory ?? AppContext.BaseDirectory}: {(e.InnerException ?? e).Message}", e);
        }
    }
}
