extern alias generator;

using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace PolicyEngine.Generators.Tests;

/// <summary>
/// Every diagnostic fires on the wrong declaration of its docs page and stays silent on the fixed one:
/// the pages' examples are the test cases, so the docs cannot drift from the generator.
/// </summary>
[TestClass]
public sealed partial class DiagnosticTests
{
    /// <summary>Every id the generator declares, read from its release-tracking file (which the analyzer keeps in step with the descriptors).</summary>
    public static IEnumerable<object[]> Ids =>
        File.ReadAllLines(Path.Combine(Repository.Root, "generators", "PolicyEngine.Generators", "AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("PE", StringComparison.Ordinal))
            .Select(line => new object[] { line.Split('|')[0].Trim() });

    /// <summary>Every descriptor the generator declares, read off <c>DiagnosticDescriptors</c> itself (a test may reflect; the product never does).</summary>
    private static List<string> DeclaredIds() =>
        [.. typeof(generator::PolicyEngine.Generators.GuardrailGenerator).Assembly.GetType("PolicyEngine.Generators.DiagnosticDescriptors", throwOnError: true)!
            .GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>().Select(d => d.Id).Order(StringComparer.Ordinal)];

    [TestMethod]
    public void EveryDescriptor_IsInTheReleaseFile_AndNothingElseIs() =>
        CollectionAssert.AreEqual(DeclaredIds(), Ids.Select(i => (string)i[0]).Order(StringComparer.Ordinal).ToList());

    [TestMethod]
    public void EveryPage_HasAnId_AndEveryIdAPage()
    {
        var ids = DeclaredIds();
        var pages = Directory.GetFiles(Path.Combine(Repository.Root, "docs", "diagnostics"), "PE*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();

        Assert.IsGreaterThanOrEqualTo(17, ids.Count);
        CollectionAssert.AreEqual(ids, pages);
    }

    [TestMethod]
    [DynamicData(nameof(Ids))]
    public void Diagnostic_WrongExample_Fires(string id)
    {
        var (wrong, _) = Examples(id);
        var (_, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", wrong)));

        var fired = diagnostics.Where(d => d.Id == id).ToList();
        var misleading = output.GetDiagnostics().Where(d => d.Id == "CS9248").ToList();
        Assert.IsEmpty(misleading, "a rejected guardrail still gets an implementation, so the PE diagnostic is the only error: " + string.Join("\n", misleading));
        Assert.IsNotEmpty(fired, $"{id} did not fire; got {string.Join(", ", diagnostics.Select(d => d.Id))}");
        Assert.AreEqual("Policy.cs", Path.GetFileName(fired[0].Location.SourceTree?.FilePath), "the diagnostic points into the source");
        Assert.AreEqual($"docs/diagnostics/{id}.md", fired[0].Descriptor.HelpLinkUri);
    }

    [TestMethod]
    [DynamicData(nameof(Ids))]
    public void Diagnostic_FixedExample_IsSilentAndCompiles(string id)
    {
        var (_, fixedSource) = Examples(id);
        var (_, output, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", fixedSource)));

        Assert.IsEmpty(diagnostics, string.Join("\n", diagnostics));
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.IsEmpty(errors, string.Join("\n", errors));
    }

    private static (string Wrong, string Fixed) Examples(string id)
    {
        var page = File.ReadAllText(Path.Combine(Repository.Root, "docs", "diagnostics", id + ".md"));
        var wrong = CodeAfter().Match(page[page.IndexOf("## Wrong", StringComparison.Ordinal)..]);
        var fixedCode = CodeAfter().Match(page[page.IndexOf("## Fixed", StringComparison.Ordinal)..]);
        Assert.IsTrue(wrong.Success && fixedCode.Success, $"docs/diagnostics/{id}.md needs a csharp block under '## Wrong' and under '## Fixed'");
        return (wrong.Groups[1].Value, fixedCode.Groups[1].Value);
    }


    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeAfter();
}
