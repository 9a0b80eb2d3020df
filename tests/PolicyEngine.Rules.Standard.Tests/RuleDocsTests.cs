namespace PolicyEngine.Rules.Standard.Tests;

/// <summary>The checked-in rule docs of the standard pack are what the generator writes from the code today.</summary>
[TestClass]
public sealed class RuleDocsTests
{
    [TestMethod]
    public void RuleDocs_CheckedIn_MatchTheCode()
    {
        var path = Path.Combine(Repository.Root, "docs", "rules", "PolicyEngine.Rules.Standard.md");
        if (Environment.GetEnvironmentVariable("POLICYENGINE_UPDATE_RULE_DOCS") == "1")
        {
            File.WriteAllText(path, GuardrailPack.Docs);
        }

        Assert.IsTrue(File.Exists(path), $"{path} is missing; write it with the pack's RuleDocs (see docs/rules/README.md)");
        Assert.AreEqual(GuardrailPack.Docs, File.ReadAllText(path).ReplaceLineEndings("\n"),
            "docs/rules/PolicyEngine.Rules.Standard.md is out of date: regenerate it (see docs/rules/README.md)");
    }

    [TestMethod]
    public void RuleDocs_NameEveryGuardrail_AndTheLeversItJudges()
    {
        foreach (var guardrail in GuardrailPack.Instance.Guardrails)
        {
            StringAssert.Contains(GuardrailPack.Docs, $"### `{guardrail.Id}`");
            StringAssert.Contains(GuardrailPack.Docs, guardrail.Rationale);
        }

        StringAssert.Contains(GuardrailPack.Docs, "for scale, hybrid releases only");
        StringAssert.Contains(GuardrailPack.Docs, GuardrailPack.PackFingerprint);
    }
}
