using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.EvaluationReports;
using PolicyEngine.Gate.Inputs.EvidenceFiles;
using PolicyEngine.Gate.Inputs.ProbeResults;
using PolicyEngine.Gate.Inputs.Rollouts;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Gate.Inputs.Waivers;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate;

/// <summary>
/// One gate run: loaders → facts → session → findings → decision → record. Whatever goes wrong — a bad
/// file, a refused fact set, an unexpected exception — the verdict is error, never a pass.
/// </summary>
public static class GateRun
{
    /// <summary>The PolicyEngine version written into every record.</summary>
    public static string ToolVersion { get; } =
        typeof(GateRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Runs the gate.</summary>
    /// <param name="request">What to judge.</param>
    /// <param name="clock">The clock; its time is the decision time.</param>
    public static GateResult Run(GateRequest request, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        using var activity = Start(request);
        return Decide(request, clock, activity);
    }

    private static Activity? Start(GateRequest request)
    {
        var activity = GateTelemetry.Source.StartActivity("gate");
        activity?.SetTag("policyengine.pack", request.Pack.Name);
        activity?.SetTag("policyengine.pack.fingerprint", request.Pack.Fingerprint);
        return activity;
    }

    private static GateResult Decide(GateRequest request, TimeProvider clock, Activity? activity)
    {
        var now = clock.GetUtcNow();
        var total = Stopwatch.StartNew();
        var progress = new Progress();
        var deadline = request.Deadline ?? GateRequest.DefaultDeadline;
        Decision decision;
        var errors = new List<string>();
        using var cancel = new CancellationTokenSource();
        // Loading and judging run on a worker so that a slow source or a looping guardrail meets the deadline:
        // the run then ends in error; the worker is told to stop (queries are cancelled) and abandoned.
        var work = Task.Run(() => Judge(request, now, progress, total, cancel.Token), CancellationToken.None);
        try
        {
            decision = work.Wait(deadline) ? work.Result : throw new TimeoutException(
                $"the gate did not decide within its deadline of {Describe(deadline)} (loaded so far: {(progress.Inputs.IsEmpty ? "nothing" : string.Join(", ", progress.Inputs.Select(i => i.Kind)))}); raise it with --deadline if the inputs are this slow");
        }
        catch (Exception caught)
        {
            var e = caught is AggregateException { InnerException: { } inner } ? inner : caught;
            // A run that cannot judge is an error: exit 4, recorded like any other decision. Bad input says
            // what to fix; anything else also says what broke.
            var message = e is InputException or ArgumentException or TimeoutException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            errors.Add(message);
            if (progress.Loading is { } input)
            {
                GateTelemetry.SourceErrors.Add(1, new KeyValuePair<string, object?>("input", input));
            }

            decision = new Decision(Verdict.Error, progress.Context?.Stage ?? Stages.None, [], message);
        }
        finally
        {
            cancel.Cancel();
        }

        var context = progress.Context;
        var record = new DecisionRecord
        {
            DecisionId = request.DecisionId ?? Guid.CreateVersion7(now),
            DecidedAt = now,
            AsOf = context is not null && context.EvaluatedAt != now ? context.EvaluatedAt : null,
            CanaryStart = request.CanaryStart,
            Verdict = decision.Verdict,
            ExitCode = decision.ExitCode,
            Stage = context?.Stage,
            Reason = decision.Reason,
            Policy = PolicyIdentity.Of(request.Pack),
            Run = request.Run ?? RunContext.FromEnvironment(),
            Waivers = progress.WaiverUses,
            Release = context is null ? null : new ReleaseIdentity(context.Model, context.Version, context.Lever),
            Inputs = [.. progress.Inputs],
            Findings = decision.Findings,
            Scores = decision.Scores,
            Telemetry = progress.Telemetry,
            Errors = errors,
            Timings = new Timings(Math.Round(progress.LoadMs, 3), Math.Round(progress.EvaluateMs, 3), Math.Round(total.Elapsed.TotalMilliseconds, 3)),
            ToolVersion = ToolVersion,
        };
        activity?.SetTag("policyengine.decision_id", record.DecisionId.ToString());
        activity?.SetTag("policyengine.model", record.Release?.Model);
        activity?.SetTag("policyengine.stage", Writers.Words.Of(record.Stage));
        GateTelemetry.Decided(activity, request.Pack.Name, decision.Verdict, decision.ExitCode, total.Elapsed.TotalSeconds);
        return new GateResult(decision, record);
    }

    /// <summary>
    /// Runs the gate and appends its record to <paramref name="store"/>'s log: a pending record first (verdict
    /// error, replaced when the run finishes), so that a process that dies mid-run leaves a record saying so.
    /// </summary>
    /// <param name="request">What to judge.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="store">Where records are kept.</param>
    /// <param name="finalize">Changes the record before it is appended (e.g. the exit code <c>--fail-on-warn</c> gives): a record is written to the log once, as final.</param>
    /// <returns>The result and where its record lies.</returns>
    /// <exception cref="IOException">A record could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory may not be written.</exception>
    public static (GateResult Result, string RecordPath) RunAndRecord(GateRequest request, TimeProvider clock, DecisionStore store, Func<DecisionRecord, DecisionRecord>? finalize = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(store);
        using var activity = Start(request);
        var started = clock.GetUtcNow();
        var id = request.DecisionId ?? Guid.CreateVersion7(started);
        var pending = ErrorRecord.Pending(request.Pack, id, started);
        store.StorePending(pending);
        var result = Decide(request with { DecisionId = id }, clock, activity);
        using (GateTelemetry.Source.StartActivity("write"))
        {
            // The pending record was never chained; the decision is appended to the log and the pending record goes.
            var (record, where) = store.Append(finalize?.Invoke(result.Record) ?? result.Record, clock, pending);
            return (result with { Record = record }, where);
        }
    }

    private static Decision Judge(GateRequest request, DateTimeOffset now, Progress progress, Stopwatch total, CancellationToken cancel)
    {
        List<object> facts;
        using (var load = GateTelemetry.Source.StartActivity("load"))
        {
            facts = Load(request, now, progress, cancel);
            progress.Loading = null;
            load?.SetTag("policyengine.facts", facts.Count);
        }

        progress.Telemetry = facts.OfType<SliceMetrics>().ToList();
        progress.LoadMs = total.Elapsed.TotalMilliseconds;
        using var evaluate = GateTelemetry.Source.StartActivity("evaluate");
        IReadOnlyList<Finding> findings = CompiledPack.For(request.Pack).Evaluate(facts);
        if (progress.Waivers.Count > 0)
        {
            var author = request.RefuseSelfApprovedWaivers ? (request.Run ?? RunContext.FromEnvironment()).Actor : null;
            (findings, progress.WaiverUses) = Waivers.Apply(findings, progress.Waivers, progress.Context!.Model, progress.Context.Version, now, author);
        }

        var decision = Decision.Fold(findings, progress.Context!.Stage, request.Pack);
        evaluate?.SetTag("policyengine.findings", findings.Count);
        progress.EvaluateMs = total.Elapsed.TotalMilliseconds - progress.LoadMs;
        return decision;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{span.TotalSeconds:0.###} s" : $"{span.TotalMinutes:0.##} min";

    /// <summary>What the worker has loaded so far, readable from the caller's thread when the deadline passes.</summary>
    private sealed class Progress
    {
        private volatile RolloutContext? _context;

        private volatile string? _loading;

        public ConcurrentQueue<InputFile> Inputs { get; } = new();

        /// <summary>The input being loaded, for the source-error count when loading fails; null once all are loaded.</summary>
        public string? Loading { get => _loading; set => _loading = value; }

        public RolloutContext? Context { get => _context; set => _context = value; }

        public IReadOnlyList<SliceMetrics> Telemetry { get; set; } = [];

        public IReadOnlyList<Inputs.Waivers.Waiver> Waivers { get; set; } = [];

        public IReadOnlyList<WaiverUse> WaiverUses { get; set; } = [];

        public double LoadMs { get; set; }

        public double EvaluateMs { get; set; }
    }

    private static List<object> Load(GateRequest request, DateTimeOffset now, Progress progress, CancellationToken cancel)
    {
        progress.Loading = "rollout";
        var (context, rolloutFile) = RolloutLoader.Resolve(request.RolloutPath, request.Rollout, now, request.RolloutGivenIn);
        progress.Context = context;
        var inputs = progress.Inputs;
        if (rolloutFile is not null)
        {
            inputs.Enqueue(rolloutFile);
        }

        var facts = new List<object> { context };
        progress.Loading = "telemetry";
        TelemetryFacts? telemetry;
        using (var aggregate = request.TelemetrySource is null && request.TelemetryPath is null ? null : GateTelemetry.Source.StartActivity("aggregate"))
        {
            aggregate?.SetTag("policyengine.telemetry.source", request.TelemetrySource is null ? "file" : "query");
            telemetry = request.TelemetrySource?.Invoke(request.Pack, context.Model, context.EvaluatedAt, SinceCanaryStart(request, context.EvaluatedAt), cancel)
                ?? (request.TelemetryPath is null ? null : TelemetryLoader.Load(request.TelemetryPath, request.Pack.LatencyPercentiles, context.Model, request.Pack.SampledMetrics, request.Pack.CalibrationBins));
            aggregate?.SetTag("policyengine.telemetry.slices", telemetry?.Metrics.Count);
        }

        if (telemetry is not null)
        {
            facts.AddRange(telemetry.Metrics);
            facts.AddRange(telemetry.Samples);
            inputs.Enqueue(telemetry.File);
        }

        if (request.CanaryStart is { } start && request.History is not null)
        {
            // A pipeline that gates the same canary again and again keeps no state between calls; the store does.
            progress.Loading = "canary records";
            var (floors, files) = SequenceFloors.Load(request.History, request.Pack, new ReleaseIdentity(context.Model, context.Version, context.Lever), start, context.EvaluatedAt);
            facts.AddRange(floors);
            foreach (var file in files)
            {
                inputs.Enqueue(file);
            }
        }

        if (request.Pack.HistoryDepth > 0 && request.History is not null)
        {
            progress.Loading = "history";
            var (past, files) = DecisionHistory.Load(request.History, context.Model, context.Version, request.Pack.HistoryDepth, context.EvaluatedAt);
            facts.AddRange(past);
            foreach (var file in files)
            {
                inputs.Enqueue(file);
            }
        }

        if (request.EvaluationReportPath is not null)
        {
            progress.Loading = "evaluation-report";
            var (metrics, file) = EvaluationReportLoader.Load(request.EvaluationReportPath, context.Model, context.Version);
            facts.AddRange(metrics);
            inputs.Enqueue(file);
        }

        IReadOnlyDictionary<string, TrustedKey> trusted = new Dictionary<string, TrustedKey>();
        if (request.TrustPath is not null)
        {
            progress.Loading = "trust";
            var (keys, file) = TrustFile.Load(request.TrustPath);
            trusted = keys;
            inputs.Enqueue(file);
        }

        if (request.WaiversPath is not null)
        {
            progress.Loading = "waivers";
            var (waivers, file) = WaiverFile.Load(request.WaiversPath, trusted);
            progress.Waivers = waivers;
            inputs.Enqueue(file);
        }

        if (request.EvidencePath is not null)
        {
            progress.Loading = "evidence";
            var (evidence, file) = EvidenceLoader.Load(request.EvidencePath, trusted);
            facts.AddRange(evidence);
            inputs.Enqueue(file);
        }

        progress.Loading = "probe";
        if ((request.ProbePath ?? request.RunProbe?.Invoke()) is { } probe)
        {
            var (measurements, file) = ProbeResultLoader.Load(probe);
            facts.AddRange(measurements);
            inputs.Enqueue(file);
        }

        return facts;
    }

    /// <summary>The time from the canary's start to the decision; a start after the decision is refused, never counted as none.</summary>
    private static TimeSpan? SinceCanaryStart(GateRequest request, DateTimeOffset decided) =>
        request.CanaryStart is not { } start ? null
        : start <= decided ? decided - start
        : throw new InputException(request.RolloutGivenIn, "canary start", $"{start:O} is after the decision time {decided:O}; expected the time the canary began taking traffic");
}
