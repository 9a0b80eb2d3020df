using System.Diagnostics;
using System.Reflection;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs;
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
        var now = clock.GetUtcNow();
        var total = Stopwatch.StartNew();
        var inputs = new List<InputFile>();
        RolloutContext? context = null;
        double loadMs = 0, evaluateMs = 0;
        Decision decision;
        var errors = new List<string>();
        IReadOnlyList<SliceMetrics> telemetry = [];
        try
        {
            var facts = Load(request, now, inputs, out context);
            telemetry = facts.OfType<SliceMetrics>().ToList();
            loadMs = total.Elapsed.TotalMilliseconds;
            var findings = CompiledPolicy.For(request.Pack).Evaluate(facts);
            decision = Decision.Fold(findings, context.Stage, request.Pack);
            evaluateMs = total.Elapsed.TotalMilliseconds - loadMs;
        }
        catch (Exception e)
        {
            // A run that cannot judge is an error: exit 4, recorded like any other decision. Bad input says
            // what to fix; anything else also says what broke.
            var message = e is InputException or ArgumentException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            errors.Add(message);
            decision = new Decision(Verdict.Error, context?.Stage ?? Stages.None, [], message);
        }

        var record = new DecisionRecord
        {
            DecisionId = Guid.CreateVersion7(now),
            DecidedAt = now,
            AsOf = context is not null && context.EvaluatedAt != now ? context.EvaluatedAt : null,
            Verdict = decision.Verdict,
            ExitCode = decision.ExitCode,
            Stage = context?.Stage,
            Reason = decision.Reason,
            Policy = new PolicyIdentity(request.Pack.Name, request.Pack.Fingerprint, request.Pack.Guardrails.Count),
            Release = context is null ? null : new ReleaseIdentity(context.Model, context.Version, context.Lever),
            Inputs = inputs,
            Findings = decision.Findings,
            Scores = decision.Scores,
            Telemetry = telemetry,
            Errors = errors,
            Timings = new Timings(Math.Round(loadMs, 3), Math.Round(evaluateMs, 3), Math.Round(total.Elapsed.TotalMilliseconds, 3)),
            ToolVersion = ToolVersion,
        };
        return new GateResult(decision, record);
    }

    private static List<object> Load(GateRequest request, DateTimeOffset now, List<InputFile> inputs, out RolloutContext context)
    {
        var (rollout, rolloutFile) = RolloutLoader.Resolve(request.RolloutPath, request.Rollout, now);
        context = rollout;
        Add(inputs, rolloutFile);
        var facts = new List<object> { context };
        var telemetry = request.TelemetrySource?.Invoke(request.Pack, context.Model, context.EvaluatedAt)
            ?? (request.TelemetryPath is null ? null : TelemetryLoader.Load(request.TelemetryPath, request.Pack.LatencyPercentiles, context.Model, request.Pack.SampledMetrics));
        if (telemetry is not null)
        {
            facts.AddRange(telemetry.Metrics);
            facts.AddRange(telemetry.Samples);
            inputs.Add(telemetry.File);
        }

        if (request.Pack.HistoryDepth > 0 && request.HistoryDirectory is not null)
        {
            var (past, files) = DecisionHistory.Load(request.HistoryDirectory, context.Model, context.Version, request.Pack.HistoryDepth, context.EvaluatedAt);
            facts.AddRange(past);
            inputs.AddRange(files);
        }

        if (request.EvaluationReportPath is not null)
        {
            var (metrics, file) = EvaluationReportLoader.Load(request.EvaluationReportPath, context.Model, context.Version);
            facts.AddRange(metrics);
            inputs.Add(file);
        }

        IReadOnlyDictionary<string, TrustedKey> trusted = new Dictionary<string, TrustedKey>();
        if (request.TrustPath is not null)
        {
            var (keys, file) = TrustFile.Load(request.TrustPath);
            trusted = keys;
            inputs.Add(file);
        }

        if (request.EvidencePath is not null)
        {
            var (evidence, file) = EvidenceLoader.Load(request.EvidencePath, trusted);
            facts.AddRange(evidence);
            inputs.Add(file);
        }

        if ((request.ProbePath ?? request.RunProbe?.Invoke()) is { } probe)
        {
            var (measurements, file) = ProbeResultLoader.Load(probe);
            facts.AddRange(measurements);
            inputs.Add(file);
        }

        return facts;
    }

    private static void Add(List<InputFile> inputs, InputFile? file)
    {
        if (file is not null)
        {
            inputs.Add(file);
        }
    }
}
