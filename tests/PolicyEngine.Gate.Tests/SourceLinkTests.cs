using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Gate.Tests;

/// <summary>The rule docs' link from a guardrail to its source line at the commit its pack was built from.</summary>
[TestClass]
public sealed class SourceLinkTests
{
    [TestMethod]
    [DataRow("https://github.com/contoso/guardrails.git", "https://github.com/contoso/guardrails/blob/0a1b2c/rules/My%20Pack/Support.cs#L15")]
    [DataRow("https://gitlab.example.com/ml/guardrails/", "https://gitlab.example.com/ml/guardrails/blob/0a1b2c/rules/My%20Pack/Support.cs#L15")]
    public void AKnownHost_LinksTheLine(string repository, string expected) =>
        Assert.AreEqual(expected, RuleDocsWriter.SourceLink(repository, "0a1b2c", "rules/My Pack/Support.cs", 15));

    [TestMethod]
    [DataRow(null, "0a1b2c", DisplayName = "no repository")]
    [DataRow("https://github.com/contoso/guardrails", null, DisplayName = "no commit")]
    [DataRow("/work/main", "0a1b2c", DisplayName = "a local clone")]
    [DataRow("http://github.com/contoso/guardrails", "0a1b2c", DisplayName = "not https")]
    [DataRow("https://git.example.com/contoso/guardrails", "0a1b2c", DisplayName = "a host served another way")]
    public void OtherwiseNoLink(string? repository, string? commit) =>
        Assert.IsNull(RuleDocsWriter.SourceLink(repository, commit, "rules/Support.cs", 15));
}
