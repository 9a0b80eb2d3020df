using System.Text.RegularExpressions;

namespace PolicyEngine.Generators.Tests;

/// <summary>
/// The fingerprint is the SHA-256 of the canonical form: what the guardrails enforce. Wording, rationales and
/// where a guardrail sits leave it alone; any threshold, stage, severity, missing-data rule, owner or custom
/// body changes it.
/// </summary>
[TestClass]
public sealed partial class FingerprintTests
{
    private static readonly string Original = Sources.EveryKind;

    [TestMethod]
    [DataRow("/// <summary>P95 under 400 ms.</summary>", "/// <summary>Checkout answers within 400 ms at P95, the product's SLA.</summary>", DisplayName = "a rationale reworded")]
    [DataRow("    /// <summary>P95 under 400 ms.</summary>", "\n\n    /// <summary>P95 under 400 ms.</summary>", DisplayName = "a guardrail moved down two lines")]
    [DataRow("using PolicyEngine;", "using PolicyEngine;\n// A comment before the policy.", DisplayName = "a comment added")]
    public void WhatIsNotEnforced_LeavesTheFingerprintAlone(string from, string to)
    {
        var changed = Original.Replace(from, to, StringComparison.Ordinal);
        Assert.AreNotEqual(Original, changed, "the edit applies");

        Assert.AreEqual(Fingerprint(Original), Fingerprint(changed));
    }

    [TestMethod]
    [DataRow("MaxMilliseconds = 400", "MaxMilliseconds = 401", DisplayName = "a threshold")]
    [DataRow("Percentile = 95, MaxMilliseconds", "Percentile = 99, MaxMilliseconds", DisplayName = "a percentile")]
    [DataRow("Stages = Stages.All, Measurements", "Stages = Stages.Canary, Measurements", DisplayName = "the stages")]
    [DataRow("Max = 0.005, Severity = Severity.Warn", "Max = 0.005, Severity = Severity.Block", DisplayName = "the severity")]
    [DataRow("Min = 0.8)]", "Min = 0.8, WhenMissing = MissingData.Fail)]", DisplayName = "the missing-data rule")]
    [DataRow("Owner = \"governance@contoso.example\"", "Owner = \"legal@contoso.example\"", DisplayName = "an owner")]
    [DataRow("FailureLimit = 1", "FailureLimit = 2", DisplayName = "a measurement limit")]
    [DataRow("candidate.Latency.At(95) <= baseline.Latency.At(95)", "candidate.Latency.At(95) < baseline.Latency.At(95)", DisplayName = "a custom guardrail's body")]
    [DataRow("RequireSignature = true", "RequireSignature = false", DisplayName = "a signature requirement")]
    public void WhatIsEnforced_ChangesTheFingerprint(string from, string to)
    {
        var changed = Original.Replace(from, to, StringComparison.Ordinal);
        Assert.AreNotEqual(Original, changed, "the edit applies");

        Assert.AreNotEqual(Fingerprint(Original), Fingerprint(changed));
    }

    [TestMethod]
    public void Fingerprint_IsTheSha256OfTheCanonicalForm_WhichHoldsNoWording()
    {
        var source = Pack(Original);
        var canonical = CanonicalText().Match(source).Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));

        Assert.AreEqual("sha256:" + hash, Fingerprint(Original));
        var lines = canonical.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(10, lines, "one line per guardrail");
        foreach (var line in lines)
        {
            using var _ = System.Text.Json.JsonDocument.Parse(line);
        }

        Assert.DoesNotContain("P95 under 400 ms", canonical, "rationales are not enforced");
        Assert.DoesNotContain("≤", canonical, "requirement sentences are not enforced");
    }

    private static string Pack(string source) =>
        GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", source))).Driver)["GuardrailPack.g.cs"];

    private static string Fingerprint(string source) => PackFingerprint().Match(Pack(source)).Groups[1].Value;

    [GeneratedRegex("PackFingerprint = \"(sha256:[0-9a-f]{64})\"")]
    private static partial Regex PackFingerprint();

    [GeneratedRegex("PackCanonicalForm = @\"((?:[^\"]|\"\")*)\";")]
    private static partial Regex CanonicalText();
}
