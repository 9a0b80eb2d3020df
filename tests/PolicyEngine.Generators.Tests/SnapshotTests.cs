using ApprovalTests;
using ApprovalTests.Reporters;

namespace PolicyEngine.Generators.Tests;

/// <summary>The generated text against approved snapshots (<c>*.approved.txt</c> beside this file).</summary>
[TestClass]
[UseReporter(typeof(QuietReporter))]
public sealed class SnapshotTests
{
    [TestMethod]
    public void Generate_EveryKind_PolicySource() =>
        Approvals.Verify(GeneratorHarness.Sources(Run())["Contoso.Guardrails.CheckoutBot.g.cs"]);

    [TestMethod]
    public void Generate_EveryKind_PackSource() =>
        Approvals.Verify(GeneratorHarness.Sources(Run())["GuardrailPack.g.cs"]);

    private static Microsoft.CodeAnalysis.GeneratorDriver Run() =>
        GeneratorHarness.Run(GeneratorHarness.Compilation(("CheckoutBot.cs", Sources.EveryKind))).Driver;
}
