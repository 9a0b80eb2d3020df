using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace PolicyEngine.Cli.Tests;

/// <summary>The Kubernetes objects of a deploy/ example, read as JSON (every YAML scalar a string, as Kubernetes reads quoted values).</summary>
internal static class DeployExample
{
    public static IReadOnlyList<JsonObject> Objects(string relativePath)
    {
        var deserializer = new DeserializerBuilder().Build();
        var serializer = new SerializerBuilder().JsonCompatible().Build();
        var parser = new Parser(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, relativePath))));
        parser.Consume<StreamStart>();
        var objects = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object>(parser);
            if (document is not null)
            {
                objects.Add(JsonNode.Parse(serializer.Serialize(document))!.AsObject());
            }
        }

        return objects;
    }

    public static JsonObject Single(string relativePath, string kind) =>
        Objects(relativePath).Single(o => (string?)o["kind"] == kind);

    public static IEnumerable<JsonNode> Each(JsonNode? array) => array?.AsArray().Select(n => n!) ?? [];
}
