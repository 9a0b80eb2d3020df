using PolicyEngine.Evaluation;
using static PolicyEngine.Evaluation.Outcome;

namespace PolicyEngine.Tests;

/// <summary>Every combination of measurement limits, decided the way Argo Rollouts' analysis runs decide, with our documented differences.</summary>
[TestClass]
public sealed class MeasurementHistoryTests
{
    private static MeasurementHistory History(int count, int failureLimit = 0, int inconclusiveLimit = 0, int consecutiveErrorLimit = 4) =>
        new(new MeasurementPolicy(count, TimeSpan.FromSeconds(30), failureLimit, inconclusiveLimit, consecutiveErrorLimit));

    private static MeasurementStatus Run(MeasurementHistory history, params Outcome[] outcomes)
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
        Assert.AreEqual("3 errors in a row exceed the limit of 2", history.Reason);
    }

    [TestMethod]
    public void CountReached_WithMixedResultsWithinLimits_Passes()
    {
        var history = History(count: 6, failureLimit: 1, inconclusiveLimit: 1, consecutiveErrorLimit: 1);

        var status = Run(history, Pass, Fail, Inconclusive, Error, Pass, Pass);

        Assert.AreEqual(MeasurementStatus.Passed, status);
        Assert.AreEqual("6 of 6 measurements taken: 3 passed, 1 failed, 1 inconclusive, 1 errors, within every limit", history.Reason);
    }

    [TestMethod]
    public void CountReached_WithoutAnyPass_IsInconclusive_NeverAPass()
    {
        var history = History(count: 3, inconclusiveLimit: 5, consecutiveErrorLimit: 5);

        Assert.AreEqual(MeasurementStatus.Inconclusive, Run(history, Inconclusive, Error, Inconclusive));
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
        Assert.AreEqual("1 errors in a row exceed the limit of 0", history.Reason);
    }

    [TestMethod]
    [DataRow(0, 0, 0, 4)]
    [DataRow(3, -1, 0, 4)]
    [DataRow(3, 0, -1, 4)]
    [DataRow(3, 0, 0, -1)]
    public void PolicyThatCannotDecide_IsRefused(int count, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit) =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => History(count, failureLimit, inconclusiveLimit, consecutiveErrorLimit));
}
