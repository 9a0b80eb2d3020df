using PolicyEngine.Evaluation;

namespace PolicyEngine.Cli.Tests;

/// <summary><c>watch</c> on telemetry files: a measurement per interval, a record per measurement, the series' verdict as the exit code.</summary>
[TestClass]
public sealed class WatchTests
{
    [TestMethod]
    public void HealthyCanary_PassesAfterEveryMeasurement()
    {
        using var cli = new Cli();

        var result = cli.Run("watch", "--sample", "--telemetry", cli.Write("t.csv", new Telemetry().Csv()), "--count", "3", "--interval", "0s");

        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.HasCount(3, result.Records);
        Assert.Contains("measurement 3/3: pass", result.Output);
        Assert.Contains("PASS 3 of 3 measurements taken: 3 passed", result.Output);
    }

    [TestMethod]
    public void DegradedCanary_RollsBackAtTheFirstFailure()
    {
        using var cli = new Cli();

        var result = cli.Run("watch", "--sample", "--telemetry", cli.Write("t.csv", new Telemetry { CandidateErrorPercent = 5 }.Csv()), "--count", "5", "--interval", "0s");

        Assert.AreEqual(2, result.Exit, result.ToString());
        Assert.HasCount(1, result.Records, "the failure limit of 0 decides at once");
        Assert.Contains("ROLLBACK 1 failed measurements exceed the limit of 0", result.Output);
    }

    [TestMethod]
    public void FailureLimit_ToleratesThatManyFailures()
    {
        using var cli = new Cli();

        var result = cli.Run("watch", "--sample", "--telemetry", cli.Write("t.csv", new Telemetry { CandidateErrorPercent = 5 }.Csv()), "--count", "5", "--interval", "0s", "--failure-limit", "1");

        Assert.AreEqual(2, result.Exit, result.ToString());
        Assert.HasCount(2, result.Records);
    }

    [TestMethod]
    public void TooFewCanaryRequests_Hold()
    {
        using var cli = new Cli();

        var result = cli.Run("watch", "--sample", "--telemetry", cli.Write("t.csv", new Telemetry { CandidatePerSlice = 100 }.Csv()), "--count", "3", "--interval", "0s");

        Assert.AreEqual(3, result.Exit, result.ToString());
        Assert.Contains("HOLD 1 inconclusive measurements exceed the limit of 0", result.Output);
    }

    [TestMethod]
    public void TelemetryGoneMidRun_Errors_AndEachMeasurementIsRecorded()
    {
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());
        // Once the first measurement is recorded, the telemetry disappears (an exporter crashed).
        cli.AfterFirstRecord(() => File.Delete(telemetry));

        var result = cli.Run("watch", "--sample", "--telemetry", telemetry, "--count", "5", "--interval", "1s", "--consecutive-error-limit", "1");

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.HasCount(3, result.Records, "one pass, then two errors in a row exceed the limit of 1\n" + result);
        var last = Gate.Records.DecisionRecordJson.Read(File.ReadAllText(result.Records[^1]));
        Assert.AreEqual(Verdict.Error, last.Verdict);
        Assert.Contains("file not found", last.Errors.Single());
        Assert.Contains("file not found", result.Error);
    }

    [TestMethod]
    [DataRow("--interval", "soon")]
    [DataRow("--count", "0")]
    [DataRow("--failure-limit", "-1")]
    public void BadMeasurementOption_IsUsage(string option, string value)
    {
        using var cli = new Cli();

        var result = cli.Run("watch", "--sample", option, value);

        Assert.AreEqual(64, result.Exit, result.ToString());
    }
}
