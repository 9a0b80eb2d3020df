using System.Text.Json;

namespace PolicyEngine.Cli.Tests;

/// <summary><c>policyengine diff</c> on built packs: the exit code says whether anything was relaxed.</summary>
[TestClass]
public sealed class DiffCommandTests
{
    private static string SamplePack => Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.Sample.dll");

    /// <summary>This test assembly is a pack of its own (FaultyGuardrails.cs): none of the sample's guardrails.</summary>
    private static string OtherPack => typeof(DiffCommandTests).Assembly.Location;

    [TestMethod]
    public void ThePackAgainstItself_ChangesNothing_Exit0()
    {
        using var cli = new Cli();

        var result = cli.Run("diff", "--before", SamplePack, "--after", SamplePack);

        Assert.AreEqual(0, result.Exit, result.ToString());
        StringAssert.Contains(result.Output, "changes nothing the policy enforces");
    }

    [TestMethod]
    public void RemovingGuardrails_Relaxes_Exit1_AndJsonListsThem()
    {
        using var cli = new Cli();

        var result = cli.Run("diff", "--before", SamplePack, "--after", OtherPack, "--format", "json");

        Assert.AreEqual(1, result.Exit, result.ToString());
        using var diff = JsonDocument.Parse(result.Output);
        var removed = diff.RootElement.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("effect").GetString() == "removed").Select(c => c.GetProperty("subject").GetString()).ToList();
        CollectionAssert.IsSubsetOf(new[] { "support-assistant/interactive-p95", "support-assistant/pii-review" }, removed);
    }

    [TestMethod]
    public void BackTest_UnderTheSamePack_ReproducesEveryRecordedVerdict()
    {
        using var cli = new Cli();
        foreach (var telemetry in new[] { new Telemetry(), new Telemetry { InteractiveLatencyMs = 900 }, new Telemetry { CandidateErrorPercent = 5 } })
        {
            cli.Gate("--telemetry", cli.Write($"t-{Guid.NewGuid():N}.csv", telemetry.Csv()));
        }

        var result = cli.Run("diff", "--before", SamplePack, "--after", SamplePack, "--records", cli.Records, "--format", "json");

        Assert.AreEqual(0, result.Exit, result.ToString());
        using var diff = JsonDocument.Parse(result.Output);
        var tested = diff.RootElement.GetProperty("backTest").EnumerateArray().ToList();
        Assert.HasCount(3, tested);
        CollectionAssert.AreEquivalent(new[] { "pass", "block", "rollback" }, tested.Select(t => t.GetProperty("was").GetString()).ToArray());
        Assert.IsTrue(tested.All(t => t.GetProperty("would").GetString() == t.GetProperty("was").GetString()), result.Output);
    }

    [TestMethod]
    public void BackTest_UnderAnotherPack_ListsChangedVerdicts_AndDecisionsWhoseInputsAreGone()
    {
        using var cli = new Cli();
        cli.Gate("--telemetry", cli.Write("kept.csv", new Telemetry().Csv()));
        var gone = cli.Write("gone.csv", new Telemetry { InteractiveLatencyMs = 900 }.Csv());
        cli.Gate("--telemetry", gone);
        File.Delete(gone);

        var result = cli.Run("diff", "--before", SamplePack, "--after", OtherPack, "--records", cli.Records);

        Assert.AreEqual(1, result.Exit, result.ToString());
        StringAssert.Contains(result.Output, "### Back-test on 2 past decisions: 1 would change, 0 unchanged, 1 not judged again");
        StringAssert.Contains(result.Output, $"its telemetry input {gone} is gone");
        StringAssert.Contains(result.Output, "| pass | error |");
    }

    [TestMethod]
    public void ANotAPack_IsAnError()
    {
        using var cli = new Cli();

        var result = cli.Run("diff", "--before", SamplePack, "--after", cli.Write("x.dll", "not an assembly"));

        Assert.AreEqual(4, result.Exit, result.ToString());
        StringAssert.Contains(result.Error, "x.dll");
    }
}
