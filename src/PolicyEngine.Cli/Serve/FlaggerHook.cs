using Microsoft.AspNetCore.Http;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Cli.Serve;

/// <summary>
/// Flagger's webhooks as the server answers them. Flagger (<c>pkg/controller/webhook.go</c>) POSTs a
/// <see cref="FlaggerPayload"/> and treats a status above 202 as "no": the gate hooks go on at 200 and halt at 409
/// (a decision against) or 422 (no decision: bad input); the rollback hook rolls back at 200 (docs/serve.md).
/// </summary>
internal static class FlaggerHook
{
    /// <summary>The hooks, each with the stage it judges when the metadata names none; event and post-rollout judge nothing.</summary>
    public static IReadOnlyDictionary<string, string?> Stages { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["confirm-rollout"] = "offline",
        ["pre-rollout"] = "offline",
        ["rollout"] = "canary",
        ["confirm-promotion"] = "full",
        ["rollback"] = "canary",
        ["post-rollout"] = null,
        ["event"] = null,
    };

    /// <summary>The metadata keys the server reads; any other key is refused, so a typo cannot drop an input.</summary>
    public static IReadOnlySet<string> MetadataKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "pack", "model", "version", "lever", "stage", "rollout", "telemetry", "evaluationReport", "evidence", "probe", "waivers",
        // Flagger's own, on event hooks.
        "eventMessage", "eventType", "timestamp",
    };

    /// <summary>The gate request for a hook: the model defaults to the canary's name, the stage to the hook's.</summary>
    public static GateBody Body(FlaggerPayload payload, string hook)
    {
        var metadata = payload.Metadata ?? new Dictionary<string, string>();
        foreach (var key in metadata.Keys.Where(k => !MetadataKeys.Contains(k)))
        {
            throw RequestRefused.BadRequest($"metadata.{Gate.Writers.Words.Printable(key)}: not a key the server reads; expected {string.Join(", ", MetadataKeys.Where(k => k is not ("eventMessage" or "eventType" or "timestamp")))}");
        }

        string? Get(string key) => metadata.TryGetValue(key, out var value) ? value : null;
        return new GateBody
        {
            Pack = Get("pack"),
            Model = Get("model") ?? payload.Name,
            Version = Get("version"),
            Lever = Get("lever"),
            Stage = Get("stage") ?? Stages[hook],
            Rollout = GateBody.PathValue(Get("rollout")),
            Telemetry = Get("telemetry"),
            EvaluationReport = GateBody.PathValue(Get("evaluationReport")),
            Evidence = GateBody.PathValue(Get("evidence")),
            Probe = GateBody.PathValue(Get("probe")),
            Waivers = GateBody.PathValue(Get("waivers")),
        };
    }

    /// <summary>The status Flagger reads for a decision on <paramref name="hook"/>.</summary>
    public static int Status(string hook, Verdict verdict) => hook == "rollback"
        ? (verdict is Verdict.Rollback or Verdict.Block or Verdict.Error ? StatusCodes.Status200OK : StatusCodes.Status409Conflict)
        : verdict switch
        {
            Verdict.Pass or Verdict.Warn => StatusCodes.Status200OK,
            Verdict.Error => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status409Conflict,
        };
}

/// <summary>The body Flagger sends every webhook (<c>CanaryWebhookPayload</c> in Flagger's API).</summary>
internal sealed class FlaggerPayload
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }

    public string? Phase { get; set; }

    public string? Checksum { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}
