using System.Runtime.InteropServices;
using System.Text;

namespace PolicyEngine.Probe;

/// <summary>
/// The GPU as NVML (the library behind nvidia-smi) describes it: name, driver, CUDA version, memory. Null
/// where there is no NVIDIA driver: the probe then records no device and no device memory.
/// </summary>
public static partial class NvidiaDevice
{
    private const string Library = "libnvidia-ml.so.1";

    /// <summary>The device, or null when NVML is not there or does not answer.</summary>
    public static ProbeDeviceDocument? Describe(int index)
    {
        if (!TryHandle(index, out var device))
        {
            return null;
        }

        var driver = new byte[96];
        var name = new byte[96];
        return new ProbeDeviceDocument
        {
            Name = GetName(device, name, (uint)name.Length) == 0 ? Text(name) : null,
            Driver = GetDriverVersion(driver, (uint)driver.Length) == 0 ? Text(driver) : null,
            Cuda = GetCudaDriverVersion(out var cuda) == 0 ? $"{cuda / 1000}.{cuda % 1000 / 10}" : null,
            MemoryTotalBytes = GetMemoryInfo(device, out var memory) == 0 ? (long)memory.Total : null,
        };
    }

    /// <summary>Bytes in use on the device now (by every process), or null.</summary>
    public static long? MemoryUsed(int index) =>
        TryHandle(index, out var device) && GetMemoryInfo(device, out var memory) == 0 ? (long)memory.Used : null;

    private static bool TryHandle(int index, out IntPtr device)
    {
        device = IntPtr.Zero;
        try
        {
            return Init() == 0 && GetHandleByIndex((uint)index, out device) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    private static string Text(byte[] buffer) => Encoding.ASCII.GetString(buffer, 0, Math.Max(0, Array.IndexOf(buffer, (byte)0) is var end and >= 0 ? end : buffer.Length));

    [LibraryImport(Library, EntryPoint = "nvmlInit_v2")]
    private static partial int Init();

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetHandleByIndex_v2")]
    private static partial int GetHandleByIndex(uint index, out IntPtr device);

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetName")]
    private static partial int GetName(IntPtr device, [Out] byte[] name, uint length);

    [LibraryImport(Library, EntryPoint = "nvmlSystemGetDriverVersion")]
    private static partial int GetDriverVersion([Out] byte[] version, uint length);

    [LibraryImport(Library, EntryPoint = "nvmlSystemGetCudaDriverVersion_v2")]
    private static partial int GetCudaDriverVersion(out int version);

    [LibraryImport(Library, EntryPoint = "nvmlDeviceGetMemoryInfo")]
    private static partial int GetMemoryInfo(IntPtr device, out Memory memory);

    [StructLayout(LayoutKind.Sequential)]
    private struct Memory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }
}
