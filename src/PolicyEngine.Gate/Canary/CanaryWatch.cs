using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Canary;

/// <summary>
/// Judges a canary again and again while traffic flows: each measurement is a whole gate run in the canary
/// stage (inputs read afresh), stored as its own decision record. A rollback threshold that declares its own
/// measurement (count, interval, limits) is a series of its own, judged on its findings; the rest of the pack
/// is one series under the watch's <see cref="MeasurementRules"/>, judged on the verdict of its findings.
/// A failed or erroring series ends the watch at once; otherwise it ends when every series has decided, with
/// the worst of them: error, then rollback, then hold, then pass. Once every sequential threshold has promoted the
/// canary, the other series end at their next passing measurement (docs/canary.md).
/// </summary>
public sealed class CanaryWatch(GateRequest request, MeasurementRules policy, TimeProvider clock)
{
    private readonly MeasurementRules _policy = policy.Validated();

    /// <summary>
    /// Replays a canary already in the telemetry store: measurement i is judged as of the rollout's as-of time plus
    /// its place in the schedule, without waiting for time that has passed (docs/canary.md, "Replaying a canary").
    /// The rollout must give an as-of time.
    /// </summary>
    public bool Replay { get; init; }

    /// <summary>Runs the measurements; <paramref name="measured"/> hears of each. Cancellation ends the watch in hold: nothing was decided.</summary>
    /// <param name="store">Where each measurement's record is kept (a pending record first, as for a gate).</param>
    /// <param name="measured">Told of each measurement and the series' status after it.</param>
    /// <param name="cancel">Stops the watch.</param>
    public async Task<CanaryResult> RunAsync(Records.DecisionStore store, Action<CanaryMeasurement>? measured, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(store);
        var series = AllSeries();
        var records = new List<string>();
        var given = request.Rollout;
        GateRequest CanaryAsOf(DateTimeOffset? asOf) => request with { Rollout = new() { Model = given.Model, Version = given.Version, Lever = given.Lever, Stage = "canary", AsOf = asOf } };
        DateTimeOffset? origin = null;
        if (Replay)
        {
            try
            {
                origin = StartOfReplay();
            }
            catch (InputException e)
            {
                return new CanaryResult(Verdict.Error, $"the replay cannot start: {e.Message}", records);
            }
        }

        var wake = origin ?? DateTimeOffset.MinValue;
        // The canary is taken to have begun one interval before the first measurement: each look's counts cover the
        // canary so far ({window} in a Prometheus query), what a sequential threshold's arms are.
        DateTimeOffset? first = null;
        var interval = series.Min(s => s.Policy.Interval);
        for (var i = 1; ; i++)
        {
            // A timer may fire a hair before the clock reaches the time it was set for: what it was set for is due.
            // A replay's time is its schedule's, however little of it passed on the clock.
            var now = clock.GetUtcNow();
            var at = origin is not null || now <= wake ? wake : now;
            var due = series.Where(s => s.History.Status == MeasurementStatus.Running && s.Due <= at).ToList();
            // The first look's decision time: a live watch of a fixed instant judges that instant every time.
            first ??= origin is null ? FixedInstant() ?? at : at;
            var look = CanaryAsOf(origin is null ? given.AsOf : at) with { CanaryStart = first.Value - interval };
            GateResult result;
            try
            {
                (result, var path) = GateRun.RunAndRecord(look, clock, store);
                records.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unrecorded measurement cannot be audited: the watch cannot go on.
                return new CanaryResult(Verdict.Error, $"measurement {i}: its decision record could not be stored in {store.Location}: {e.Message}", records);
            }

            foreach (var s in due)
            {
                s.History.Add(s.Judge(result.Decision));
                s.Due = at + s.Policy.Interval;
            }

            // Sequential thresholds that all promoted the canary end the others at their next pass: what is left
            // to wait for is only the fixed-horizon series' count, which decides nothing the sequences have not.
            if (series.Any(s => s.History.Sequential) && series.Where(s => s.History.Sequential).All(s => s.History.Status == MeasurementStatus.Passed))
            {
                foreach (var s in series.Where(s => !s.History.Sequential && s.History.Status == MeasurementStatus.Running))
                {
                    s.History.EndAtNextPass();
                }
            }

            var status = Combined(series);
            var reason = string.Join("; ", series.Select(s => (series.Count == 1 ? "" : $"{s.Name}: ") + s.History.Reason + (s.Broken is { } broken ? $" ({broken})" : "")));
            measured?.Invoke(new CanaryMeasurement(i, series.Max(s => s.Policy.Count), result.Decision, status, reason, records[^1], result.Record.Release));
            if (status != MeasurementStatus.Running)
            {
                return new CanaryResult(VerdictOf(status), reason, records);
            }

            wake = series.Where(s => s.History.Status == MeasurementStatus.Running).Min(s => s.Due);
            var wait = wake - clock.GetUtcNow();
            try
            {
                cancel.ThrowIfCancellationRequested();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A watch stopped before its count is not a pass, however well it went so far.
                return new CanaryResult(Verdict.Hold, $"stopped after {i} measurements, before every series decided; nothing was decided ({reason})", records);
            }
        }
    }

    /// <summary>
    /// The one instant every measurement is judged at, when the rollout fixes an as-of time and the watch does not
    /// replay: a live source (Prometheus) then answers the same thing at every look. Null otherwise, or when the
    /// rollout cannot be read (the first measurement reports that).
    /// </summary>
    public DateTimeOffset? FixedInstant()
    {
        try
        {
            return Replay ? null : RolloutAsOf();
        }
        catch (InputException)
        {
            return null;
        }
    }

    /// <summary>The as-of time the rollout gives (its file, or the values given beside it), or null.</summary>
    /// <exception cref="InputException">The rollout cannot be read.</exception>
    private DateTimeOffset? RolloutAsOf()
    {
        // MinValue for "now" tells an as-of time given from one that defaulted to now.
        var (context, _) = Inputs.Rollouts.RolloutLoader.Resolve(request.RolloutPath, request.Rollout, DateTimeOffset.MinValue, request.RolloutGivenIn);
        return context.EvaluatedAt == DateTimeOffset.MinValue ? null : context.EvaluatedAt;
    }

    /// <summary>The rollout's as-of time, where a replay starts.</summary>
    /// <exception cref="InputException">The rollout cannot be read, gives no as-of time, or one still to come.</exception>
    private DateTimeOffset StartOfReplay()
    {
        var asOf = RolloutAsOf();
        // The as-of time given beside a rollout file overrides the file's: name where it came from.
        var where = request.Rollout.AsOf is null && request.RolloutPath is { } file ? file : $"rollout ({request.RolloutGivenIn})";
        return asOf is not { } start
            ? throw new InputException(where, "asOf", "a replay starts at the rollout's asOf, and none is given (give asOf in the rollout file, or --as-of)")
            : start > clock.GetUtcNow()
            ? throw new InputException(where, "asOf", $"a replay judges a canary that already ran, and {start:O} is still to come (leave out --replay to watch it live)")
            : start;
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

    /// <summary>Failed or erroring ends the watch at once; else running until every series has decided; then the worst.</summary>
    private static MeasurementStatus Combined(List<Series> series)
    {
        var statuses = series.Select(s => s.History.Status).ToList();
        return statuses.Contains(MeasurementStatus.Error) ? MeasurementStatus.Error
            : statuses.Contains(MeasurementStatus.Failed) ? MeasurementStatus.Failed
            : statuses.Contains(MeasurementStatus.Running) ? MeasurementStatus.Running
            : statuses.Contains(MeasurementStatus.Inconclusive) ? MeasurementStatus.Inconclusive
            : MeasurementStatus.Passed;
    }

    private List<Series> AllSeries()
    {
        // A declared guardrail that does not apply in the canary stage yields no finding there: no series.
        var declared = request.Pack.Guardrails.Where(g => g.Measurement is not null && g.Stages.HasFlag(Stages.Canary)).ToList();
        var ids = declared.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        var series = declared.Select(g => new Series(g.Id, g.Measurement!.Validated(), d => Worst(d, g.Id), PromoteAfter(g), g.Id)).ToList();
        if (series.Count == 0 || request.Pack.Guardrails.Any(g => !ids.Contains(g.Id) && g.Stages.HasFlag(Stages.Canary)))
        {
            series.Add(new Series("the rest of the pack", _policy, d => Rest(d, ids, request.Pack)));
        }

        return series;
    }

    /// <summary>
    /// For a sequential threshold, the measurements its minimum duration takes (at least one); null for a threshold
    /// judged one look at a time. Measurements no time apart never see a minimum duration pass: they never promote
    /// early (the generator refuses such a threshold, PE0043).
    /// </summary>
    private static int? PromoteAfter(Guardrail guardrail) =>
        guardrail.Spec is Specs.RollbackThresholdSpec { Sequential: { } sequential } && guardrail.Measurement is { } rules
            ? sequential.MinDurationSeconds <= 0 ? 1
            : rules.Interval > TimeSpan.Zero ? (int)Math.Min(int.MaxValue, Math.Ceiling(sequential.MinDurationSeconds / rules.Interval.TotalSeconds))
            : int.MaxValue
            : null;

    /// <summary>A declared guardrail's outcome: the worst of its findings; none (or a run that could not judge) is an error.</summary>
    private static Outcome Worst(Decision decision, string id)
    {
        var mine = decision.Findings.Where(f => f.GuardrailId == id).Select(f => f.Outcome).ToList();
        return mine.Count == 0 ? Outcome.Error
            : mine.Contains(Outcome.Error) ? Outcome.Error
            : mine.Contains(Outcome.Fail) ? Outcome.Fail
            : mine.Contains(Outcome.Inconclusive) ? Outcome.Inconclusive
            : Outcome.Pass;
    }

    /// <summary>The rest of the pack: the verdict its own findings fold into (nothing judged is an error).</summary>
    private static Outcome Rest(Decision decision, HashSet<string> declared, PolicyPack pack) =>
        decision.Verdict == Verdict.Error && decision.Findings.Count == 0
            ? Outcome.Error
            : OutcomeOf(Decision.Fold([.. decision.Findings.Where(f => !declared.Contains(f.GuardrailId))], Stages.Canary, pack).Verdict);

    /// <summary>One series of measurements.</summary>
    private sealed class Series(string name, MeasurementRules policy, Func<Decision, Outcome> judge, int? promoteAfter = null, string? guardrailId = null)
    {
        // A sequential threshold's largest sample count so far, by slice.
        private readonly Dictionary<string, long> _most = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public MeasurementRules Policy { get; } = policy;

        public MeasurementSeries History { get; } = promoteAfter is { } after ? new(policy, after) : new(policy);

        public DateTimeOffset Due { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Why a sequential threshold's measurements can no longer be judged: its counts fell; null while they grow.</summary>
        public string? Broken { get; private set; }

        /// <summary>
        /// The measurement's outcome. A sequence bounds the arms' samples since the canary began, which only grow: a
        /// count that falls (a query over a sliding window such as increase(…[5m]), a counter reset, rows dropped) is
        /// not such a sample, and the guarantee does not hold on it — from then on every measurement is an error.
        /// </summary>
        public Outcome Judge(Decision decision)
        {
            if (History.Sequential && Broken is null)
            {
                foreach (var finding in decision.Findings.Where(f => f.GuardrailId == guardrailId && f.SampleCount is not null))
                {
                    var count = finding.SampleCount!.Value;
                    if (_most.TryGetValue(finding.Slice, out var most) && count < most)
                    {
                        Broken = $"slice {finding.Slice}: {count} samples, fewer than the {most} of an earlier measurement; a sequential threshold needs the arms' counts since the canary began, e.g. increase(…[{{window}}]) (docs/canary.md), and its guarantee does not hold on counts that fall";
                        break;
                    }

                    _most[finding.Slice] = Math.Max(count, most);
                }
            }

            return Broken is null ? judge(decision) : Outcome.Error;
        }
    }
}

/// <summary>One measurement of a watched canary.</summary>
/// <param name="Number">Which measurement, from 1.</param>
/// <param name="Count">How many the policy takes at most.</param>
/// <param name="Decision">The gate's decision on this measurement.</param>
/// <param name="Status">The series' status after it.</param>
/// <param name="Reason">Why the series stands where it does.</param>
/// <param name="RecordPath">Where its decision record is.</param>
/// <param name="Release">The model and version measured, when the rollout could be read.</param>
public sealed record CanaryMeasurement(int Number, int Count, Decision Decision, MeasurementStatus Status, string Reason, string RecordPath, Records.ReleaseIdentity? Release = null);

/// <summary>What a watch decided.</summary>
/// <param name="Verdict">Pass, rollback, hold or error.</param>
/// <param name="Reason">Why.</param>
/// <param name="Records">Each measurement's decision record.</param>
public sealed record CanaryResult(Verdict Verdict, string Reason, IReadOnlyList<string> Records)
{
    /// <summary>The exit code: as the gate's (0 pass, 2 rollback, 3 hold, 4 error).</summary>
    public int ExitCode => new Decision(Verdict, Stages.Canary, [], Reason).ExitCode;
}
