using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Rollouts;
using PolicyEngine.Gate.Inputs.Telemetry;

namespace PolicyEngine.Gate;

/// <summary>Everything one gate run judges: the pack, the release and the input files. Null files are not read.</summary>
public sealed record GateRequest
{
    /// <summary>The policy pack.</summary>
    public required PolicyPack Pack { get; init; }

    /// <summary>The rollout file, if any.</summary>
    public string? RolloutPath { get; init; }

    /// <summary>Rollout values from the command line (or a request); they override the file's.</summary>
    public RolloutDocument Rollout { get; init; } = new();

    /// <summary>Where <see cref="Rollout"/>'s values came from, for messages: the command line, or a serve request's fields.</summary>
    public string RolloutGivenIn { get; init; } = "command line";

    /// <summary>Request telemetry: Parquet, CSV or JSON lines.</summary>
    public string? TelemetryPath { get; init; }

    /// <summary>
    /// Telemetry from elsewhere than a file (e.g. Prometheus): given the pack (the percentiles and samples it
    /// needs), the release's model, the decision time and the time since <see cref="CanaryStart"/>, returns the facts. Used instead of
    /// <see cref="TelemetryPath"/>.
    /// </summary>
    /// <remarks>The token is cancelled when the run passes its <see cref="Deadline"/>: stop querying then.</remarks>
    public Func<PolicyPack, string, DateTimeOffset, TimeSpan?, CancellationToken, TelemetryFacts>? TelemetrySource { get; init; }

    /// <summary>
    /// When the canary began taking traffic: a telemetry source counts from then to the decision time ({window} in a
    /// Prometheus query, docs/canary.md), what a sequential threshold's arms are. A watch sets it one interval before its
    /// first measurement; <c>gate --canary-start</c> gives it. Null: the source's own window.
    /// </summary>
    public DateTimeOffset? CanaryStart { get; init; }

    /// <summary>
    /// Where earlier decision records lie, for guardrails that compare with the last passed decisions
    /// (<see cref="PolicyPack.HistoryDepth"/>). Null reads none: such guardrails are then inconclusive.
    /// </summary>
    public Records.DecisionStore? History { get; init; }

    /// <summary>The offline evaluation report.</summary>
    public string? EvaluationReportPath { get; init; }

    /// <summary>The evidence file.</summary>
    public string? EvidencePath { get; init; }

    /// <summary>A probe result written by <c>policyengine probe</c>.</summary>
    public string? ProbePath { get; init; }

    /// <summary>
    /// Runs the probe in place, when no <see cref="ProbePath"/> is given: writes a probe result and returns its
    /// path. Whatever it throws ends the run in error, like a bad input file.
    /// </summary>
    public Func<string>? RunProbe { get; init; }

    /// <summary>
    /// How long loading and judging may take before the run ends in error (a slow telemetry server, a
    /// guardrail that loops). Null: <see cref="DefaultDeadline"/>.
    /// </summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>The decision's id; null makes a new one. Given when a pending record was stored under it first.</summary>
    public Guid? DecisionId { get; init; }

    /// <summary>The deadline when none is given: ten minutes.</summary>
    public static TimeSpan DefaultDeadline { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Who asked for the gate and where it runs; null: this process's environment (<see cref="Records.RunContext.FromEnvironment"/>).</summary>
    public Records.RunContext? Run { get; init; }

    /// <summary>Signed waivers of failing guardrails (docs/audit.md); their approvers' keys come from <see cref="TrustPath"/>.</summary>
    public string? WaiversPath { get; init; }

    /// <summary>Whether a waiver approved by the release's own author (the run's actor) is refused.</summary>
    public bool RefuseSelfApprovedWaivers { get; init; }

    /// <summary>The trust file: keys whose evidence signatures are trusted.</summary>
    public string? TrustPath { get; init; }
}
