using Microsoft.ML.OnnxRuntime;

namespace PolicyEngine.Probe;

/// <summary>
/// Input tensors from a JSON file (docs/schemas/probe-input.schema.json):
/// <c>{ "inputs": { "x": { "shape": [2, 16], "data": [ … ] } } }</c>, checked against the model's inputs.
/// </summary>
public static class ProbeInputFile
{
    /// <summary>The tensors, one per model input, all with the same batch size.</summary>
    /// <exception cref="ProbeException">The file is unreadable, or a tensor does not fit the model.</exception>
    public static IReadOnlyList<InputTensor> Read(string path, IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Document document;
        try
        {
            (document, _) = JsonInput.Read(path, new FluentValidation.InlineValidator<Document>());
        }
        catch (InputException e)
        {
            throw new ProbeException(e.Message, e);
        }

        var given = document.Inputs ?? [];
        if (given.Keys.Except(metadata.Keys).FirstOrDefault() is { } unknown)
        {
            throw new ProbeException($"{path}: inputs.{unknown}: the model has no such input; its inputs: {string.Join(", ", metadata.Keys)}");
        }

        var tensors = new List<InputTensor>();
        foreach (var (name, node) in metadata)
        {
            if (!given.TryGetValue(name, out var tensor) || tensor.Shape is null || tensor.Data is null)
            {
                throw new ProbeException($"{path}: inputs.{name}: missing; expected {{ \"shape\": [...], \"data\": [...] }} for {ModelInputs.Describe(name, node)}");
            }

            var shape = tensor.Shape;
            if (shape.Length != node.Dimensions.Length)
            {
                throw new ProbeException($"{path}: inputs.{name}.shape: got [{string.Join(",", shape)}], rank {shape.Length}; the model expects rank {node.Dimensions.Length}: {ModelInputs.Describe(name, node)}");
            }

            for (var i = 0; i < shape.Length; i++)
            {
                if (shape[i] <= 0 || (node.Dimensions[i] > 0 && node.Dimensions[i] != shape[i]))
                {
                    throw new ProbeException($"{path}: inputs.{name}.shape[{i}]: got {shape[i]}; the model expects {(node.Dimensions[i] > 0 ? node.Dimensions[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : "a size of 1 or more")}: {ModelInputs.Describe(name, node)}");
                }
            }

            var count = shape.Aggregate(1L, (a, b) => a * b);
            if (tensor.Data.Length != count)
            {
                throw new ProbeException($"{path}: inputs.{name}.data: got {tensor.Data.Length} values; shape [{string.Join(",", shape)}] holds {count}");
            }

            tensors.Add(InputTensor.Of(name, node.ElementDataType, shape, tensor.Data));
        }

        if (tensors.Select(t => t.BatchSize).Distinct().Count() > 1)
        {
            throw new ProbeException($"{path}: the inputs disagree on the batch size (first dimension): {string.Join(", ", tensors.Select(t => $"{t.Name} {t.BatchSize}"))}");
        }

        return tensors;
    }

    /// <summary>The file's shape.</summary>
    public sealed class Document
    {
        /// <summary>The schema the file declares; ignored.</summary>
        [System.Text.Json.Serialization.JsonPropertyName("$schema")]
        public string? Schema { get; set; }

        /// <summary>Tensors by input name.</summary>
        public Dictionary<string, Tensor>? Inputs { get; set; }
    }

    /// <summary>One tensor.</summary>
    public sealed class Tensor
    {
        /// <summary>The shape.</summary>
        public long[]? Shape { get; set; }

        /// <summary>The values, flat, row-major.</summary>
        public double[]? Data { get; set; }
    }
}
