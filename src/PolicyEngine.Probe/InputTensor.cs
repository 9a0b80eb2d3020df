using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace PolicyEngine.Probe;

/// <summary>One model input's values and shape, in the element type the model declares.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Shape">Its shape; the first dimension is the batch.</param>
/// <param name="Data">The values, flat, as an array of the model's element type.</param>
public sealed record InputTensor(string Name, long[] Shape, Array Data)
{
    /// <summary>Items in the batch.</summary>
    public int BatchSize => Shape.Length == 0 ? 1 : (int)Shape[0];

    /// <summary>A tensor of the element type from <paramref name="values"/>.</summary>
    /// <exception cref="ProbeException">The element type is not one the probe can feed.</exception>
    public static InputTensor Of(string name, TensorElementType type, long[] shape, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Array data = type switch
        {
            TensorElementType.Float => values.Select(v => (float)v).ToArray(),
            TensorElementType.Double => values.ToArray(),
            TensorElementType.Int64 => values.Select(v => (long)v).ToArray(),
            TensorElementType.Int32 => values.Select(v => (int)v).ToArray(),
            TensorElementType.Int16 => values.Select(v => (short)v).ToArray(),
            TensorElementType.Int8 => values.Select(v => (sbyte)v).ToArray(),
            TensorElementType.UInt8 => values.Select(v => (byte)v).ToArray(),
            TensorElementType.Bool => values.Select(v => v != 0).ToArray(),
            _ => throw new ProbeException($"input '{name}' has element type {type}, which the probe cannot generate or read; supported: float, double, int64, int32, int16, int8, uint8, bool"),
        };
        return new InputTensor(name, shape, data);
    }

    /// <summary>An ONNX Runtime value over <see cref="Data"/> (no copy).</summary>
    public OrtValue ToOrtValue() => Data switch
    {
        float[] d => OrtValue.CreateTensorValueFromMemory(d, Shape),
        double[] d => OrtValue.CreateTensorValueFromMemory(d, Shape),
        long[] d => OrtValue.CreateTensorValueFromMemory(d, Shape),
        int[] d => OrtValue.CreateTensorValueFromMemory(d, Shape),
        short[] d => OrtValue.CreateTensorValueFromMemory(d, Shape),
        sbyte[] d => OrtValue.CreateTensorValueFromMemory(d, Shape),
        byte[] d => OrtValue.CreateTensorValueFromMemory(d, Shape),
        bool[] d => OrtValue.CreateTensorValueFromMemory(d, Shape),
        _ => throw new ProbeException($"input '{Name}' holds {Data.GetType().Name}, which the probe cannot feed"),
    };
}
