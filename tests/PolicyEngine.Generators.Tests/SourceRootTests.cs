namespace PolicyEngine.Generators.Tests;

/// <summary>Source paths are relative to the repository root the package's build targets find, else to the project.</summary>
[TestClass]
public sealed class SourceRootTests
{
    [TestMethod]
    public void InARepository_SourcePathsAreRelativeToItsRoot()
    {
        var sources = Generate(sourceRoot: "/src/");

        StringAssert.Contains(Policy(sources), "SourceFile = \"Contoso.Guardrails/CheckoutBot.cs\"");
        StringAssert.Contains(sources["GuardrailPack.g.cs"], "`Contoso.Guardrails/CheckoutBot.cs` line 27");
    }

    [TestMethod]
    [DataRow(null, DisplayName = "outside a repository")]
    [DataRow("  ", DisplayName = "a blank root")]
    public void WithoutARoot_SourcePathsAreRelativeToTheProject(string? sourceRoot)
    {
        var sources = Generate(sourceRoot);

        StringAssert.Contains(Policy(sources), "SourceFile = \"CheckoutBot.cs\"");
    }

    [TestMethod]
    public void ARootTheFileIsNotUnder_KeepsOnlyTheFileName_NeverAnAbsolutePath()
    {
        var sources = Generate(sourceRoot: "/elsewhere/");

        StringAssert.Contains(Policy(sources), "SourceFile = \"CheckoutBot.cs\"");
        Assert.DoesNotContain("/src/Contoso.Guardrails", Policy(sources));
    }

    private static string Policy(IReadOnlyDictionary<string, string> sources) => sources.Single(s => s.Key.EndsWith("CheckoutBot.g.cs", StringComparison.Ordinal)).Value;

    private static IReadOnlyDictionary<string, string> Generate(string? sourceRoot)
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("CheckoutBot.cs", Sources.EveryKind)), GeneratorHarness.Driver(sourceRoot));
        Assert.IsEmpty(diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        return GeneratorHarness.Sources(driver);
    }
}
