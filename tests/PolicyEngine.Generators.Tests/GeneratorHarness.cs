extern alias generator;

using System.Collections.Immutable;
using generator::PolicyEngine.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PolicyEngine.Generators.Tests;

/// <summary>Compiles guardrail sources in memory and runs the generator over them, tracking its steps.</summary>
internal static class GeneratorHarness
{
    public const string ProjectDirectory = "/src/Contoso.Guardrails/";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp13, DocumentationMode.Parse);


    public static CSharpCompilation Compilation(params (string File, string Source)[] sources) =>
        CSharpCompilation.Create(
            "Contoso.Guardrails",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, ProjectDirectory + s.File)),
            CompilationReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <param name="sourceRoot">What the package's build targets found as the repository root; null outside a repository.</param>
    public static GeneratorDriver Driver(string? sourceRoot = null) =>
        CSharpGeneratorDriver.Create(
            [new GuardrailGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new ProjectDirectoryOptions(ProjectDirectory, sourceRoot),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the driver (for a second, incremental run) and the compilation with its output.</summary>
    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? Driver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (driver, output, diagnostics);
    }

    /// <summary>The generated sources, by hint name.</summary>
    public static IReadOnlyDictionary<string, string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
}
