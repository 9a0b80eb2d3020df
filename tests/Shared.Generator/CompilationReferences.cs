using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace PolicyEngine.TestSupport;

/// <summary>What an in-memory guardrail compilation references: the framework, PolicyEngine and NRules.</summary>
internal static class CompilationReferences
{
    public static ImmutableArray<MetadataReference> All { get; } =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(Guardrail).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(NRules.Fluent.Dsl.Rule).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(NRules.RuleModel.IRuleDefinition).Assembly.Location),
    ];
}
