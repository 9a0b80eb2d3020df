namespace PolicyEngine.Probe;

/// <summary>The execution provider the probe is asked to run on.</summary>
public enum ProbeProvider
{
    /// <summary>CUDA when it loads, else the CPU, with the reason recorded.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>CUDA; an error when it cannot load, never a silent CPU run.</summary>
    Cuda,

    /// <summary>TensorRT (with CUDA for what TensorRT does not take); an error when it cannot load.</summary>
    TensorRT,
}
