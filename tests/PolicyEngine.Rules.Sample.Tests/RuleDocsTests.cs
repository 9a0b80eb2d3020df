namespace PolicyEngine.Rules.Sample.Tests;

/// <summary>The checked-in rule docs are what the generator writes from the code today.</summary>
[TestClass]
public sealed class RuleDocsTests
{
    [TestMethod]
    public void RuleDocs_CheckedIn_MatchTheCode() => RuleDocs.AssertCheckedIn("PolicyEngine.Rules.Sample", GuardrailPack.Docs);

    [TestMethod]
    public void RuleDocs_NameEveryGuardrailWithItsFingerprint()
    {
        foreach (var guardrail in GuardrailPack.Instance.Guardrails)
        {
            StringAssert.Contains(GuardrailPack.Docs, $"### `{guardrail.Id}`");
            StringAssert.Contains(GuardrailPack.Docs, guardrail.Rationale);
            StringAssert.Contains(GuardrailPack.Docs, $"`{guardrail.SourceFile}` line {guardrail.SourceLine}");
        }

        StringAssert.Contains(GuardrailPack.Docs, GuardrailPack.PackFingerprint);
        StringAssert.Matches(GuardrailPack.PackFingerprint, new System.Text.RegularExpressions.Regex("^sha256:[0-9a-f]{64}$"));
    }

    [TestMethod]
    public void Fingerprint_IsTheSha256OfTheCanonicalForm_AnAuditorCanRecompute()
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(GuardrailPack.Instance.CanonicalForm)));

        Assert.AreEqual("sha256:" + hash, GuardrailPack.Instance.Fingerprint);
        StringAssert.Contains(GuardrailPack.Docs, "```jsonl\n" + GuardrailPack.Instance.CanonicalForm + "```", "the rule docs print the canonical form");
        var lines = GuardrailPack.Instance.CanonicalForm.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(o => o.TryGetProperty("id", out _)).Select(o => o.GetProperty("id").GetString()).ToList();
        CollectionAssert.AreEqual(GuardrailPack.Instance.Guardrails.Select(g => g.Id).ToList(), ids, "one line per guardrail, by id");
        foreach (var guardrail in GuardrailPack.Instance.Guardrails)
        {
            Assert.DoesNotContain(guardrail.Requirement, GuardrailPack.Instance.CanonicalForm, "a requirement's wording is not what is enforced");
        }
    }
}
