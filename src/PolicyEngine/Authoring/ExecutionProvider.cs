namespace PolicyEngine;

/// <summary>An ONNX Runtime execution provider.</summary>
public enum ExecutionProvider
{
    /// <summary>Any provider; used by a probe budget that does not require one.</summary>
    Any = 0,

    /// <summary>The CPU provider.</summary>
    Cpu = 1,

    /// <summary>The CUDA provider.</summary>
    Cuda = 2,

    /// <summary>The TensorRT provider.</summary>
    TensorRT = 3,
}
