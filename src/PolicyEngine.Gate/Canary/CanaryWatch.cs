using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Canary;

/// <summary>
/// Judges a canary again and again while traffic flows: each measurement is a whole gate run in the canary
/// stage (inputs read afresh), stored as its own decision record; the series decides by the
/// <see cref="MeasurementPolicy"/> (docs/canary.md) and ends in pass, rollback, hold or error.
/// </summary>
public sealed class CanaryWatch(GateRequest request, MeasurementPolicy policy, TimeProvider clock)
{
    private readonly MeasurementPolicy _policy = policy.Validated();

    /// <summary>Runs the measurements; <paramref name="measured"/> hears of each. Cancellation ends the watch in hold: nothing was decided.</summary>
    /// <param name="store">Stores each measurement's record; returns where.</param>
    /// <param name="measured">Told of each measurement and the series' status after it.</param>
    /// <param name="cancel">Stops the watch.</param>
    public async Task<CanaryResult> RunAsync(Func<DecisionRecord, string> store, Action<CanaryMeasurement>? measured, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(store);
        var history = new MeasurementHistory(_policy);
        var records = new List<string>();
        var given = request.Rollout;
        var canary = request with { Rollout = new() { Model = given.Model, Version = given.Version, Lever = given.Lever, Stage = "canary", AsOf = given.AsOf } };
        for (var i = 1; ; i++)
        {
            var result = GateRun.Run(canary, clock);
            records.Add(store(result.Record));
            var status = history.Add(OutcomeOf(result.Decision.Verdict));
            measured?.Invoke(new CanaryMeasurement(i, _policy.Count, result.Decision, status, history.Reason, records[^1]));
            if (status != MeasurementStatus.Running)
            {
                return new CanaryResult(VerdictOf(status), history.Reason, records);
            }

            try
            {
                await Task.Delay(_policy.Interval, clock, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return new CanaryResult(Verdict.Hold, $"stopped after {i} of {_policy.Count} measurements; nothing was decided", records);
            }
        }
    }

    /// <summary>A measurement's verdict as one outcome of the series: a canary that blocks or would roll back has failed it.</summary>
    public static Outcome OutcomeOf(Verdict verdict) => verdict switch
    {
        Verdict.Pass or Verdict.Warn => Outcome.Pass,
        Verdict.Rollback or Verdict.Block => Outcome.Fail,
        Verdict.Hold => Outcome.Inconclusive,
        _ => Outcome.Error,
    };

    /// <summary>The series' final status as the watch's verdict.</summary>
    public static Verdict VerdictOf(MeasurementStatus status) => status switch
    {
        MeasurementStatus.Passed => Verdict.Pass,
        MeasurementStatus.Failed => Verdict.Rollback,
        MeasurementStatus.Inconclusive => Verdict.Hold,
        _ => Verdict.Error,
    };
}

/// <summary>One measurement of a watched canary.</summary>
/// <param name="Number">Which measurement, from 1.</param>
/// <param name="Count">How many the policy takes at most.</param>
/// <param name="Decision">The gate's decision on this measurement.</param>
/// <param name="Status">The series' status after it.</param>
/// <param name="Reason">Why the series stands where it does.</param>
/// <param name="RecordPath">Where its decision record is.</param>
public sealed record CanaryMeasurement(int Number, int Count, Decision Decision, MeasurementStatus Status, string Reason, string RecordPath);

/// <summary>What a watch decided.</summary>
/// <param name="Verdict">Pass, rollback, hold or error.</param>
/// <param name="Reason">Why.</param>
/// <param name="Records">Each measurement's decision record.</param>
public sealed record CanaryResult(Verdict Verdict, string Reason, IReadOnlyList<string> Records)
{
    /// <summary>The exit code: as the gate's (0 pass, 2 rollback, 3 hold, 4 error).</summary>
    public int ExitCode => new Decision(Verdict, Stages.Canary, [], Reason).ExitCode;
}
