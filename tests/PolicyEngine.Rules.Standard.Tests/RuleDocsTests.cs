namespace PolicyEngine.Rules.Standard.Tests;

/// <summary>The checked-in rule docs of the standard pack are what the generator writes from the code today.</summary>
[TestClass]
public sealed class RuleDocsTests
{
    [TestMethod]
    public void RuleDocs_CheckedIn_MatchTheCode() => RuleDocs.AssertCheckedIn("PolicyEngine.Rules.Standard", GuardrailPack.Docs);

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
