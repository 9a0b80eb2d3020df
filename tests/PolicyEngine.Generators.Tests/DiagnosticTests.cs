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
    public static IEnumerable<object[]> Ids => Enumerable.Range(1, 15).Select(i => new object[] { $"PE{i:0000}" });

    [TestMethod]
    [DynamicData(nameof(Ids))]
    public void Diagnostic_WrongExample_Fires(string id)
    {
        var (wrong, _) = Examples(id);
        var diagnostics = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", wrong))).Diagnostics;

        var fired = diagnostics.Where(d => d.Id == id).ToList();
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
