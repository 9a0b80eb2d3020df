using Microsoft.ML.OnnxRuntime;

namespace PolicyEngine.Probe;

/// <summary>Builds a model's inputs from its metadata: symbolic dimensions resolved from the batch size and the given sizes, values from a seeded generator.</summary>
public static class ModelInputs
{
    /// <summary>Names given to the batch dimension; the first dimension is the batch whatever its name.</summary>
    private static readonly string[] BatchNames = ["batch", "batch_size", "n", "N", "None", ""];

    /// <summary>The inputs for one run at <paramref name="batchSize"/>.</summary>
    /// <exception cref="ProbeException">A dimension cannot be resolved, or a fixed batch dimension differs from the batch size.</exception>
    public static IReadOnlyList<InputTensor> Generate(IReadOnlyDictionary<string, NodeMetadata> metadata, int batchSize, IReadOnlyDictionary<string, int> dimensions, int seed)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var random = new Random(seed);
        return [.. metadata.Select(input => Generate(input.Key, input.Value, batchSize, dimensions, random))];
    }

    /// <summary>The shape of an input at <paramref name="batchSize"/>.</summary>
    public static long[] Shape(string name, NodeMetadata node, int batchSize, IReadOnlyDictionary<string, int> dimensions)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(dimensions);
        var shape = new long[node.Dimensions.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            var symbol = i < node.SymbolicDimensions.Length ? node.SymbolicDimensions[i] : "";
            if (node.Dimensions[i] > 0)
            {
                if (i == 0 && node.Dimensions[0] != batchSize)
                {
                    throw new ProbeException($"input '{name}' has a fixed batch dimension of {node.Dimensions[0]}; it cannot be probed at batch size {batchSize}");
                }

                shape[i] = node.Dimensions[i];
            }
            else if (dimensions.TryGetValue(symbol, out var size) && symbol.Length > 0)
            {
                shape[i] = size;
            }
            else if (i == 0 || BatchNames.Contains(symbol))
            {
                shape[i] = batchSize;
            }
            else
            {
                var label = symbol.Length > 0 ? $"'{symbol}'" : "(unnamed)";
                throw new ProbeException($"input '{name}' dimension {i} {label} is symbolic; give its size, e.g. --dim {(symbol.Length > 0 ? symbol : "name")}=128");
            }
        }

        return shape;
    }

    /// <summary>Human-readable signature, e.g. <c>x: Float[batch,16]</c>.</summary>
    public static string Describe(string name, NodeMetadata node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var dims = node.Dimensions.Select((d, i) => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : (i < node.SymbolicDimensions.Length && node.SymbolicDimensions[i].Length > 0 ? node.SymbolicDimensions[i] : "?"));
        return node.IsTensor ? $"{name}: {node.ElementDataType}[{string.Join(",", dims)}]" : $"{name}: {node.OnnxValueType}";
    }

    private static InputTensor Generate(string name, NodeMetadata node, int batchSize, IReadOnlyDictionary<string, int> dimensions, Random random)
    {
        if (!node.IsTensor)
        {
            throw new ProbeException($"input '{name}' is a {node.OnnxValueType}, not a tensor; give the inputs in a file (--input)");
        }

        var shape = Shape(name, node, batchSize, dimensions);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        // Small non-negative values: valid as features, as token or class ids, and as booleans.
        var integral = node.ElementDataType is not (Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float or Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Double);
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = integral ? random.Next(0, 2) : random.NextDouble();
        }

        return InputTensor.Of(name, node.ElementDataType, shape, values);
    }
}
