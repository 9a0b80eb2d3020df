using ApprovalTests;
using ApprovalTests.Reporters;
using PolicyEngine.Gate.Packs;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Generators.Tests;

/// <summary>
/// <c>policyengine diff</c> on two builds of the sample pack, made by the real generator from the sample's source
/// and from an edited copy: every kind of change, in words and numbers, against an approved snapshot.
/// </summary>
[TestClass]
[UseReporter(typeof(QuietReporter))]
public sealed class PackDiffTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(Repository.Root, "rules", "PolicyEngine.Rules.Sample", "SupportAssistant.cs"));

    [TestMethod]
    public void TheSamePack_ChangesNothing()
    {
        var pack = Build(Sample);

        var diff = PackDiff.Of(pack, Build(Sample.Replace("product's 500 ms P95 SLA", "product's P95 SLA of 500 ms", StringComparison.Ordinal)));

        Assert.IsEmpty(diff.Changes, "a rationale's wording is not a change to what is enforced");
        Assert.IsFalse(diff.Relaxes);
    }

    [TestMethod]
    public void EveryKindOfChange_InWordsAndNumbers()
    {
        var before = Build(Sample);
        var after = Build(Edit(Sample,
            ("MaxMilliseconds = 500, Slice = \"interactive\"", "MaxMilliseconds = 800, Slice = \"interactive\""),
            ("Slice = \"interactive\", Severity = Severity.Warn)", "Slice = \"interactive\")"),
            ("Slice = \"billing\", Min = 0.90", "Slice = \"billing\", Min = 0.92"),
            ("MaxAgeDays = 90, RequireSignature = true", "MaxAgeDays = 180, RequireSignature = true"),
            ("[ComplianceGate(\"red-team\", RequireSignature = true, Stages = Stages.Canary | Stages.Full)]\n    public static partial Guardrail RedTeamSignOff { get; }", ""),
            ("baseline.Accuracy - 0.01", "baseline.Accuracy - 0.02"),
            ("ScorePass = 90", "ScorePass = 80")));

        var diff = PackDiff.Of(before, after);

        Assert.IsTrue(diff.Relaxes);
        Approvals.Verify(PackDiffWriter.Markdown(diff, after));
    }

    private static string Edit(string source, params (string From, string To)[] edits)
    {
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, source, "the sample changed: update the edit");
            source = source.Replace(from, to, StringComparison.Ordinal);
        }

        return source;
    }

    private static Evaluation.PolicyPack Build(string source) => GeneratedCodeTests.LoadPack("using PolicyEngine;\n" + source);
}
