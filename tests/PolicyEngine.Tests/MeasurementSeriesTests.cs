using PolicyEngine.Evaluation;
using static PolicyEngine.Evaluation.Outcome;

namespace PolicyEngine.Tests;

/// <summary>Every combination of measurement limits, decided the way Argo Rollouts' analysis runs decide, with our documented differences.</summary>
[TestClass]
public sealed class MeasurementSeriesTests
{
    private static MeasurementSeries History(int count, int failureLimit = 0, int inconclusiveLimit = 0, int consecutiveErrorLimit = 4, int consecutiveSuccessLimit = 0) =>
        new(new MeasurementRules(count, TimeSpan.FromSeconds(30), failureLimit, inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit));

    /// <summary>S pass, F fail, I inconclusive, E error.</summary>
    private static Outcome[] Series(string letters) =>
        [.. letters.Select(c => c switch { 'S' => Pass, 'F' => Fail, 'I' => Inconclusive, 'E' => Error, _ => throw new ArgumentException(c.ToString()) })];

    private static MeasurementStatus Run(MeasurementSeries history, params Outcome[] outcomes)
    {
        var status = MeasurementStatus.Running;
        foreach (var outcome in outcomes)
        {
            status = history.Add(outcome);
        }

        return status;
    }

    [TestMethod]
    public void FailureLimitReached_FailsAtOnce_BeforeTheCount()
    {
        var history = History(count: 10, failureLimit: 1);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Pass, Fail, Pass));
        Assert.AreEqual(MeasurementStatus.Failed, history.Add(Fail));
        Assert.AreEqual("2 failed measurements exceed the limit of 1", history.Reason);
        Assert.ThrowsExactly<InvalidOperationException>(() => history.Add(Pass), "a decided series takes no more measurements");
    }

    [TestMethod]
    public void DefaultFailureLimit_OneFailureFails() =>
        Assert.AreEqual(MeasurementStatus.Failed, Run(History(count: 5), Pass, Pass, Fail));

    [TestMethod]
    public void InconclusiveLimitReached_Holds()
    {
        var history = History(count: 10, inconclusiveLimit: 2);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Inconclusive, Pass, Inconclusive));
        Assert.AreEqual(MeasurementStatus.Inconclusive, history.Add(Inconclusive));
        Assert.AreEqual("3 inconclusive measurements exceed the limit of 2", history.Reason);
    }

    [TestMethod]
    public void ConsecutiveErrors_Error_AndASuccessResetsTheRun()
    {
        var history = History(count: 20, consecutiveErrorLimit: 2);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Error, Error, Pass, Error, Error));
        Assert.AreEqual(2, history.ConsecutiveErrors, "the pass reset the run of errors");
        Assert.AreEqual(MeasurementStatus.Error, history.Add(Error));
        Assert.AreEqual("3 errors in a row exceed the limit of 2 (1 of 20 measurements taken)", history.Reason);
    }

    [TestMethod]
    public void CountReached_WithMixedResultsWithinLimits_Passes()
    {
        var history = History(count: 6, failureLimit: 1, inconclusiveLimit: 1, consecutiveErrorLimit: 1);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Pass, Fail, Inconclusive, Error, Pass, Pass), "the error is not a taken measurement: 5 of 6");
        Assert.AreEqual(MeasurementStatus.Passed, history.Add(Pass));
        Assert.AreEqual("6 of 6 measurements taken: 4 passed, 1 failed, 1 inconclusive, 1 errors, within every limit", history.Reason);
    }

    [TestMethod]
    public void CountReached_WithoutAnyPass_IsInconclusive_NeverAPass()
    {
        var history = History(count: 3, inconclusiveLimit: 5, consecutiveErrorLimit: 5);

        Assert.AreEqual(MeasurementStatus.Inconclusive, Run(history, Inconclusive, Error, Inconclusive, Inconclusive));
        Assert.AreEqual("all 3 measurements taken and none passed", history.Reason);
    }

    [TestMethod]
    public void FirstLimitExceeded_Decides_AndTheSeriesStops()
    {
        var history = History(count: 10, failureLimit: 1, inconclusiveLimit: 1);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Fail, Inconclusive));
        Assert.AreEqual(MeasurementStatus.Inconclusive, history.Add(Inconclusive), "the inconclusive limit went first");
        Assert.ThrowsExactly<InvalidOperationException>(() => history.Add(Fail), "a second failure can no longer turn the hold into a rollback");
    }

    [TestMethod]
    public void ZeroErrorLimit_FirstErrorErrors_WhateverTheFailures()
    {
        var history = History(count: 10, failureLimit: 5, consecutiveErrorLimit: 0);

        Assert.AreEqual(MeasurementStatus.Error, Run(history, Fail, Error));
        Assert.AreEqual("1 errors in a row exceed the limit of 0 (1 of 10 measurements taken)", history.Reason);
    }

    [TestMethod]
    public void SourceThatDiesAfterOneMeasurement_NeverPasses()
    {
        // Prometheus answered once, then went away: Argo counts errors only toward the consecutive-error limit.
        var history = History(count: 5);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Series("SEEEE")), "four errors in a row are within the default limit of 4");
        Assert.AreEqual(1, history.Taken);
        Assert.AreEqual(MeasurementStatus.Error, history.Add(Error));
        Assert.AreEqual("5 errors in a row exceed the limit of 4 (1 of 5 measurements taken)", history.Reason);
    }

    [TestMethod]
    public void ErrorsBetweenPasses_AreNotCounted_TheSeriesRunsOnUntilCountMeasurementsAreTaken()
    {
        // A telemetry file missing for a few intervals.
        var history = History(count: 3);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Series("SEESEE")));
        Assert.AreEqual("2 of 3 measurements taken (4 errors not counted)", history.Reason);
        Assert.AreEqual(MeasurementStatus.Passed, history.Add(Pass));
    }

    // Argo Rollouts' table for failureLimit and consecutiveSuccessLimit (docs/canary.md), count 10 unless the series decides first.
    [TestMethod]
    [DataRow(4, 0, "SFSFSFSFSS", MeasurementStatus.Passed, DisplayName = "failure limit only: F4 within the limit at the count → pass")]
    [DataRow(4, 0, "FFFFF", MeasurementStatus.Failed, DisplayName = "failure limit only: F5 → fail at once")]
    [DataRow(-1, 4, "FFSSSS", MeasurementStatus.Passed, DisplayName = "success limit only: S4 in a row → pass at once")]
    [DataRow(-1, 4, "SSSFSSSFSS", MeasurementStatus.Failed, DisplayName = "success limit only: count reached without S4 in a row → fail")]
    [DataRow(4, 4, "FFFFSSSS", MeasurementStatus.Passed, DisplayName = "both: S4 in a row before F5 → pass")]
    [DataRow(4, 4, "SSSFFFFF", MeasurementStatus.Failed, DisplayName = "both: F5 before S4 in a row → fail")]
    [DataRow(4, 4, "SSSFSSSFFF", MeasurementStatus.Inconclusive, DisplayName = "both: F4 S6 with 3 in a row at the count → inconclusive")]
    public void ArgoDecisionTable(int failureLimit, int consecutiveSuccessLimit, string series, MeasurementStatus expected)
    {
        var history = History(count: 10, failureLimit: failureLimit, consecutiveSuccessLimit: consecutiveSuccessLimit);

        Assert.AreEqual(expected, Run(history, Series(series)), history.Reason);
        Assert.AreEqual(series.Length, history.Outcomes.Count, "it decided on the last measurement, not before");
    }

    [TestMethod]
    public void BothLimitsAtTheCount_SaysWhy()
    {
        var history = History(count: 10, failureLimit: 4, consecutiveSuccessLimit: 4);

        Run(history, Series("SSSFSSSFFF"));

        Assert.AreEqual("all 10 measurements taken: neither 4 passes in a row nor more than 4 failures (6 passed, 4 failed, 0 inconclusive, 0 errors, at most 3 passes in a row)", history.Reason);
    }

    [TestMethod]
    public void AnErrorBreaksARunOfPasses()
    {
        var history = History(count: 10, failureLimit: -1, consecutiveSuccessLimit: 3);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Series("SSESS")));
        Assert.AreEqual(MeasurementStatus.Passed, history.Add(Pass));
    }

    [TestMethod]
    public void NoInconclusiveLimit_ToleratesAnyNumber_ButTheCountStillWantsAPass()
    {
        var history = History(count: 4, inconclusiveLimit: -1);

        Assert.AreEqual(MeasurementStatus.Running, Run(history, Series("III")));
        Assert.AreEqual(MeasurementStatus.Passed, history.Add(Pass));
    }

    [TestMethod]
    public void EndAtNextPass_EndsAtALatestPass_AndOtherwiseWaitsForTheNextOne()
    {
        var ended = History(count: 10, inconclusiveLimit: -1);
        Run(ended, Series("SI"));
        var passing = History(count: 10);
        Run(passing, Series("SS"));

        ended.EndAtNextPass();
        passing.EndAtNextPass();

        Assert.AreEqual(MeasurementStatus.Passed, passing.Status);
        StringAssert.Contains(passing.Reason, "2 of 10 taken");
        Assert.AreEqual(MeasurementStatus.Running, ended.Status, "its latest measurement did not pass");
        Assert.AreEqual(MeasurementStatus.Passed, ended.Add(Pass));
    }

    [TestMethod]
    public void EndAtNextPass_KeepsTheLimits_AFailureStillFails()
    {
        var history = History(count: 10);
        history.Add(Pass);
        history.EndAtNextPass();
        var failing = History(count: 10);
        failing.EndAtNextPass();

        Assert.AreEqual(MeasurementStatus.Failed, failing.Add(Outcome.Fail));
        Assert.AreEqual(MeasurementStatus.Passed, history.Status);
    }

    [TestMethod]
    [DataRow(0, 0, 0, 4, 0)]
    [DataRow(3, -2, 0, 4, 0)]
    [DataRow(3, 0, -2, 4, 0)]
    [DataRow(3, 0, 0, -1, 0)]
    [DataRow(3, 0, 0, 4, -1)]
    [DataRow(3, 0, 0, 4, 4)]
    [DataRow(3, -1, 0, 4, 0)]
    public void PolicyThatCannotDecideSafely_IsRefused(int count, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit, int consecutiveSuccessLimit) =>
        Assert.ThrowsExactly<ArgumentException>(() => History(count, failureLimit, inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit));
}
