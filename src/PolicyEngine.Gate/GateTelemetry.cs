using System.Diagnostics;
using System.Diagnostics.Metrics;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Gate;

/// <summary>
/// What a gate run tells OpenTelemetry (docs/serve.md, "Telemetry"): a <c>gate</c> span with <c>load</c>,
/// <c>aggregate</c>, <c>evaluate</c> and <c>write</c> inside it, and three instruments. Plain .NET diagnostics: the
/// CLI and the server choose the exporters; with none listening, this costs next to nothing.
/// </summary>
public static class GateTelemetry
{
    /// <summary>The name of the activity source and the meter: what an OpenTelemetry provider subscribes to.</summary>
    public const string Name = "PolicyEngine.Gate";

    /// <summary>The spans.</summary>
    public static ActivitySource Source { get; } = new(Name, GateRun.ToolVersion);

    /// <summary>The instruments' meter.</summary>
    public static Meter Meter { get; } = new(Name, GateRun.ToolVersion);

    /// <summary><c>policyengine.decisions</c>: decisions made, by <c>verdict</c> and <c>pack</c>.</summary>
    public static Counter<long> Decisions { get; } = Meter.CreateCounter<long>("policyengine.decisions", "{decision}", "Gate decisions, by verdict and pack.");

    /// <summary><c>policyengine.gate.duration</c>: seconds from start to decision, by <c>verdict</c> and <c>pack</c>.</summary>
    public static Histogram<double> Duration { get; } = Meter.CreateHistogram<double>("policyengine.gate.duration", "s", "How long a gate took to load its inputs and decide.");

    /// <summary><c>policyengine.source.errors</c>: inputs that could not be loaded (bad file, failed query, deadline), by <c>input</c>.</summary>
    public static Counter<long> SourceErrors { get; } = Meter.CreateCounter<long>("policyengine.source.errors", "{error}", "Inputs that could not be loaded, by input kind.");

    /// <summary>Records a finished decision on the instruments and the current span.</summary>
    internal static void Decided(Activity? activity, string pack, Verdict verdict, int exitCode, double seconds)
    {
        var tags = new TagList { { "verdict", Words.Of(verdict) }, { "pack", pack } };
        Decisions.Add(1, tags);
        Duration.Record(seconds, tags);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("policyengine.verdict", Words.Of(verdict));
        activity.SetTag("policyengine.exit_code", exitCode);
        if (verdict == Verdict.Error)
        {
            activity.SetStatus(ActivityStatusCode.Error, "the gate could not decide");
        }
    }
}
