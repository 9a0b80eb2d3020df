using Microsoft.AspNetCore.Http;
using System.Text.Json;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate;
using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Inputs.Rollouts;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli.Serve;

/// <summary>
/// Turns a request into the gate request the CLI would make: files under the data root by path; documents given
/// inline are kept beside the records (<c>inputs/&lt;decision id&gt;/</c>), so the record's input hashes name files an
/// auditor can still read. Loading and judging are then exactly the CLI's.
/// </summary>
internal static class GateInputs
{
    public static GateRequest Request(GateBody body, ServeSettings settings, Guid decisionId)
    {
        var pack = Pack(body.Pack, settings);
        if (body.Stage is { } stage && !Names.Stages.ContainsKey(stage))
        {
            throw RequestRefused.BadRequest($"stage: '{Gate.Writers.Words.Printable(stage)}' is not a stage; expected one of {string.Join(", ", Names.Stages.Keys)}");
        }

        var staged = Path.Combine(settings.RecordDirectory, "inputs", decisionId.ToString("N"));
        var telemetry = body.Telemetry is null ? null : settings.DataRoot.Resolve(body.Telemetry, "telemetry");
        return new GateRequest
        {
            Pack = pack,
            DecisionId = decisionId,
            RolloutPath = Document(body.Rollout, "rollout", staged, settings),
            TelemetryPath = telemetry,
            TelemetrySource = telemetry is null ? settings.Prometheus : null,
            EvaluationReportPath = Document(body.EvaluationReport, "evaluationReport", staged, settings),
            EvidencePath = Document(body.Evidence, "evidence", staged, settings),
            ProbePath = Document(body.Probe, "probe", staged, settings),
            WaiversPath = Document(body.Waivers, "waivers", staged, settings),
            TrustPath = settings.TrustPath,
            History = settings.Store,
            Deadline = settings.Deadline,
            CanaryStart = body.CanaryStart,
            Rollout = new RolloutDocument { Model = body.Model, Version = body.Version, Lever = body.Lever, Stage = body.Stage, AsOf = body.AsOf },
            RolloutGivenIn = "the request's fields",
        };
    }

    public static PolicyPack Pack(string? name, ServeSettings settings) => name switch
    {
        null when settings.Packs.Count == 1 => settings.Packs.Values.Single(),
        null => throw RequestRefused.BadRequest($"pack: this server serves {settings.Packs.Count} packs; name one of {string.Join(", ", settings.Packs.Keys)}"),
        _ => settings.Packs.TryGetValue(name, out var pack) ? pack
            : throw new RequestRefused(StatusCodes.Status404NotFound, "Unknown pack", $"pack: '{Gate.Writers.Words.Printable(name)}' is not served here; served: {string.Join(", ", settings.Packs.Keys)}"),
    };

    private static string? Document(JsonElement? value, string field, string staged, ServeSettings settings) => value switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } path => settings.DataRoot.Resolve(path.GetString(), field),
        { ValueKind: JsonValueKind.Object } document => Stage(document, field, staged),
        { } other => throw RequestRefused.BadRequest($"{field}: expected a path under the data root (a string) or the document itself (an object), got {other.ValueKind.ToString().ToLowerInvariant()}"),
    };

    private static string Stage(JsonElement document, string field, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, field + ".json");
        DecisionRecordJson.WriteAtomically(path, document.GetRawText());
        return path;
    }
}
