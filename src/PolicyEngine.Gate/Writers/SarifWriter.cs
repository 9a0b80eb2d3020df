using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Writers;

/// <summary>
/// Writes a decision as SARIF 2.1.0: each guardrail a rule (its rationale, owner and source line), each
/// finding a result whose kind is pass, fail or open (inconclusive), located at the guardrail's declaration.
/// Locations are relative to <c>%SRCROOT%</c>, the repository root the pack was built in (docs/cli.md).
/// </summary>
public static class SarifWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The SARIF log.</summary>
    /// <param name="record">The decision.</param>
    /// <param name="pack">The pack that decided: the source of rule metadata.</param>
    /// <param name="sourceRoot">
    /// The checkout the gate ran in, which <c>%SRCROOT%</c> stands for on this machine; null when the gate did not run
    /// inside one, and the log then says only what the base means.
    /// </param>
    public static string Write(DecisionRecord record, PolicyPack pack, string? sourceRoot = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(pack);
        var rules = new JsonArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var guardrail in pack.Guardrails)
        {
            index[guardrail.Id] = rules.Count;
            rules.Add(Rule(guardrail));
        }

        var results = new JsonArray();
        foreach (var finding in record.Findings)
        {
            results.Add(Result(finding, pack.Find(finding.GuardrailId), index, record.Waivers));
        }

        var invocation = new JsonObject
        {
            ["executionSuccessful"] = record.Errors.Count == 0,
            ["exitCode"] = record.ExitCode,
            ["startTimeUtc"] = record.DecidedAt.UtcDateTime.ToString("O"),
            ["toolExecutionNotifications"] = new JsonArray(record.Errors.Select(e => (JsonNode)new JsonObject
            {
                ["level"] = "error",
                ["message"] = new JsonObject { ["text"] = e },
            }).ToArray()),
        };
        var log = new JsonObject
        {
            ["$schema"] = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "PolicyEngine",
                        ["version"] = record.ToolVersion,
                        ["rules"] = rules,
                        ["properties"] = new JsonObject { ["pack"] = pack.Name, ["fingerprint"] = pack.Fingerprint },
                    },
                },
                ["invocations"] = new JsonArray(invocation),
                ["originalUriBaseIds"] = new JsonObject { [SourceRootId] = SourceRootLocation(sourceRoot) },
                // The decision id is a version-7 UUID, which the OASIS schema's guid pattern (versions 1-5) refuses; code
                // scanning reads the category from the id's prefix, so runs of one pack group together.
                ["automationDetails"] = new JsonObject { ["id"] = $"policyengine/{pack.Name}/{record.DecisionId}" },
                ["results"] = results,
                ["properties"] = new JsonObject
                {
                    ["verdict"] = Words.Of(record.Verdict),
                    ["stage"] = Words.Of(record.Stage),
                    ["reason"] = record.Reason,
                },
            }),
        };
        return log.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Rule(Guardrail guardrail) => new()
    {
        ["id"] = guardrail.Id,
        ["name"] = guardrail.Member,
        ["shortDescription"] = new JsonObject { ["text"] = guardrail.Requirement },
        ["fullDescription"] = new JsonObject { ["text"] = guardrail.Rationale.Length > 0 ? guardrail.Rationale : guardrail.Requirement },
        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(guardrail.Severity) },
        ["properties"] = new JsonObject
        {
            ["kind"] = Words.Of(guardrail.Kind),
            ["owner"] = guardrail.Owner,
            ["stages"] = guardrail.Stages.ToString(),
            ["whenMissing"] = Words.Of(guardrail.WhenMissing),
        },
    };

    private static JsonObject Result(Finding finding, Guardrail? guardrail, Dictionary<string, int> index, IReadOnlyList<WaiverUse> waivers)
    {
        var result = new JsonObject
        {
            ["ruleId"] = finding.GuardrailId,
            ["kind"] = finding.Outcome switch
            {
                Outcome.Pass => "pass",
                Outcome.Fail or Outcome.Error => "fail",
                // A waived finding is still a failure, suppressed by the waiver below (code scanning shows it as dismissed).
                Outcome.Waived => "fail",
                _ => "open",
            },
            // SARIF allows a level other than none only on a failing result.
            ["level"] = finding.Outcome switch
            {
                Outcome.Error => "error",
                Outcome.Fail or Outcome.Waived => Level(finding.Severity),
                _ => "none",
            },
            ["message"] = new JsonObject { ["text"] = $"[{Words.Of(finding.Outcome)}] {finding.Reason} (slice '{finding.Slice}')" },
            // The same guardrail on the same slice is the same alert from run to run, whatever its message says.
            ["partialFingerprints"] = new JsonObject { ["policyengine/v1"] = Fingerprint(finding) },
            ["properties"] = new JsonObject
            {
                ["outcome"] = Words.Of(finding.Outcome),
                ["slice"] = finding.Slice,
                ["observed"] = Number(finding.Observed),
                ["threshold"] = Number(finding.Threshold),
                ["samples"] = finding.SampleCount,
            },
        };
        if (finding.Outcome == Outcome.Waived
            && waivers.FirstOrDefault(w => w.Status == "applied" && w.Guardrail == finding.GuardrailId && (w.Slice is null || w.Slice == finding.Slice)) is { } waiver)
        {
            result["suppressions"] = new JsonArray(new JsonObject
            {
                ["kind"] = "external",
                ["status"] = "accepted",
                ["justification"] = $"{waiver.Reason} (waiver approved by {waiver.Approver}, ticket {waiver.Ticket}, until {waiver.Expires:yyyy-MM-dd})",
                ["properties"] = new JsonObject { ["approver"] = waiver.Approver, ["ticket"] = waiver.Ticket, ["expires"] = waiver.Expires.UtcDateTime.ToString("O") },
            });
        }

        if (index.TryGetValue(finding.GuardrailId, out var ruleIndex))
        {
            result["ruleIndex"] = ruleIndex;
        }

        if (guardrail is { SourceFile.Length: > 0 })
        {
            result["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = RelativeUri(guardrail.SourceFile), ["uriBaseId"] = SourceRootId },
                    ["region"] = new JsonObject { ["startLine"] = Math.Max(1, guardrail.SourceLine) },
                },
            });
        }

        return result;
    }

    private const string SourceRootId = "%SRCROOT%";

    private static JsonObject SourceRootLocation(string? sourceRoot)
    {
        var location = new JsonObject
        {
            ["description"] = new JsonObject { ["text"] = "The root of the repository the guardrail pack was built from (its project folder when built outside a repository)." },
        };
        if (sourceRoot is { Length: > 0 } && Path.IsPathFullyQualified(sourceRoot))
        {
            // An absolute URI ending in a slash, as SARIF requires of a base; Uri escapes whatever the path holds.
            location["uri"] = new Uri(Path.TrimEndingDirectorySeparator(sourceRoot) + Path.DirectorySeparatorChar).AbsoluteUri;
        }

        return location;
    }

    /// <summary>A relative URI reference for a source path, each segment escaped so that any file name stays a valid URI.</summary>
    private static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    private static string Fingerprint(Finding finding) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{finding.GuardrailId}\n{finding.Slice}")))[..32];

    /// <summary>JSON has no Infinity: an infinite figure is written as a string.</summary>
    private static JsonNode? Number(double? value) => value switch
    {
        null => null,
        { } v when double.IsFinite(v) => JsonValue.Create(v),
        { } v => JsonValue.Create(v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static string Level(Severity severity) => severity switch
    {
        Severity.Block => "error",
        Severity.Warn => "warning",
        _ => "note",
    };
}
