using System.Globalization;
using System.Text.Json.Nodes;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Packs;

/// <summary>How a change moves a guardrail: what a reviewer must weigh.</summary>
public enum ChangeEffect
{
    /// <summary>A guardrail that was not there.</summary>
    Added,

    /// <summary>A guardrail no longer there: whatever it caught now passes.</summary>
    Removed,

    /// <summary>Lets through what it used to stop.</summary>
    Relaxed,

    /// <summary>Stops what it used to let through.</summary>
    Tightened,

    /// <summary>Neither plainly: a different slice, metric or rule body to read.</summary>
    Changed,
}

/// <summary>One change between two builds of a pack.</summary>
/// <param name="Subject">The guardrail id, or the scorecard.</param>
/// <param name="Effect">How it moves the guardrail.</param>
/// <param name="What">In words and numbers, e.g. <c>maxMilliseconds 500 → 800</c>.</param>
public sealed record PackChange(string Subject, ChangeEffect Effect, string What);

/// <summary>
/// What changed between two builds of a pack (docs/cli.md, "diff"): compared on the packs' canonical forms —
/// exactly what the guardrails enforce, as the fingerprint hashes it — so wording and rationale changes are not
/// changes, and every enforced field is.
/// </summary>
/// <param name="Before">The pack before.</param>
/// <param name="After">The pack after.</param>
/// <param name="Changes">Every change, by subject.</param>
public sealed record PackDiff(PackVersion Before, PackVersion After, IReadOnlyList<PackChange> Changes)
{
    /// <summary>Whether anything lets through what it used to stop: a relaxed or removed guardrail.</summary>
    public bool Relaxes => Changes.Any(c => c.Effect is ChangeEffect.Relaxed or ChangeEffect.Removed);

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static PackDiff Of(PolicyPack before, PolicyPack after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = Lines(before.CanonicalForm);
        var now = Lines(after.CanonicalForm);
        var changes = new List<PackChange>();
        foreach (var (subject, line) in now.Where(n => !old.ContainsKey(n.Key)))
        {
            changes.Add(new PackChange(subject, ChangeEffect.Added, Requirement(after, subject) ?? Unnamed(subject)));
        }

        foreach (var (subject, line) in old.Where(o => !now.ContainsKey(o.Key)))
        {
            changes.Add(new PackChange(subject, ChangeEffect.Removed, Requirement(before, subject) ?? Unnamed(subject)));
        }

        foreach (var (subject, was) in old.Where(o => now.ContainsKey(o.Key)))
        {
            var @is = now[subject];
            foreach (var field in was.Select(p => p.Key).Union(@is.Select(p => p.Key)).Where(f => f != "id").Order(StringComparer.Ordinal))
            {
                var from = was[field]?.ToJsonString() ?? "null";
                var to = @is[field]?.ToJsonString() ?? "null";
                if (from != to)
                {
                    changes.Add(new PackChange(subject, Effect(was, field, was[field], @is[field]), $"{field} {Show(field, was[field])} → {Show(field, @is[field])}"));
                }
            }
        }

        return new PackDiff(new PackVersion(before.Name, before.Fingerprint), new PackVersion(after.Name, after.Fingerprint),
            [.. changes.OrderBy(c => c.Subject, StringComparer.Ordinal).ThenBy(c => c.Effect).ThenBy(c => c.What, StringComparer.Ordinal)]);
    }

    /// <summary>The canonical lines by subject: a guardrail's id, or <c>scorecard:name</c>.</summary>
    private static Dictionary<string, JsonObject> Lines(string canonical) =>
        canonical.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .ToDictionary(o => o["id"] is { } id ? (string)id! : o["scorecard"] is { } card ? $"scorecard:{(string)card!}" : "calibration", StringComparer.Ordinal);

    private static string? Requirement(PolicyPack pack, string subject) => pack.Find(subject)?.Requirement;

    private static string Unnamed(string subject) => subject == "calibration" ? "the confidence bins of calibration error" : "a scorecard";

    /// <summary>Which way a field's change moves the guardrail, from what the field means for its kind.</summary>
    private static ChangeEffect Effect(JsonObject line, string field, JsonNode? from, JsonNode? to)
    {
        double? Number(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
        var (a, b) = (Number(from), Number(to));
        ChangeEffect Higher(bool higherRelaxes) => a is null || b is null ? ChangeEffect.Changed
            : (b > a) == higherRelaxes ? ChangeEffect.Relaxed : ChangeEffect.Tightened;
        var kind = (string?)line["kind"];
        return (kind, field) switch
        {
            (_, "severity") => Rank((string?)to) < Rank((string?)from) ? ChangeEffect.Relaxed : ChangeEffect.Tightened,
            (_, "stages") => Stages(to).IsSubsetOf(Stages(from)) ? ChangeEffect.Relaxed : Stages(from).IsSubsetOf(Stages(to)) ? ChangeEffect.Tightened : ChangeEffect.Changed,
            // No levers listed is every lever; a guardrail for fewer levers judges fewer releases.
            (_, "levers") => Levers(to).IsSubsetOf(Levers(from)) ? ChangeEffect.Relaxed : Levers(from).IsSubsetOf(Levers(to)) ? ChangeEffect.Tightened : ChangeEffect.Changed,
            ("BenchmarkCoverage", "layers") => Stages(to).IsSubsetOf(Stages(from)) ? ChangeEffect.Relaxed : Stages(from).IsSubsetOf(Stages(to)) ? ChangeEffect.Tightened : ChangeEffect.Changed,
            ("ThroughputFloor", "minTokensPerGpuSecond") or ("GainBreadth", "minMargin" or "minSlices" or "minShare") => Higher(higherRelaxes: false),
            (_, "whenMissing") => (string?)to == "Fail" ? ChangeEffect.Tightened : (string?)from == "Fail" ? ChangeEffect.Relaxed : ChangeEffect.Changed,
            ("LatencyBudget", "maxMilliseconds") or ("CostCeiling", "max") or ("RollbackThreshold", "limit") => Higher(higherRelaxes: true),
            ("LatencyBudget", "percentile") => Higher(higherRelaxes: false),
            ("QualityFloor", "limit") => Higher(higherRelaxes: (string?)line["bound"] != "Min"),
            ("ProbeBudget", "threshold") => Higher(higherRelaxes: (string?)line["limit"] == "MaxLatency"),
            ("ComplianceGate", "maxAgeDays") => b == 0 ? ChangeEffect.Relaxed : a == 0 ? ChangeEffect.Tightened : Higher(higherRelaxes: true),
            ("ComplianceGate", "requireSignature") => to?.GetValue<bool>() == true ? ChangeEffect.Tightened : ChangeEffect.Relaxed,
            // A critical threshold rolls back on its own; one no longer critical is only weighed by its group's score.
            ("RollbackThreshold", "critical") => to?.GetValue<bool>() == true ? ChangeEffect.Tightened : ChangeEffect.Relaxed,
            (null, "scorePass" or "scoreMarginal") => Higher(higherRelaxes: false),
            _ => ChangeEffect.Changed,
        };
    }

    private static int Rank(string? severity) => severity switch { "Block" => 2, "Warn" => 1, _ => 0 };

    private static HashSet<string> Levers(JsonNode? levers) =>
        levers is JsonArray a ? [.. a.Select(s => (string)s!)] : ["Scale", "Architecture", "DataCuration", "Hybrid"];

    private static HashSet<string> Stages(JsonNode? stages) =>
        stages is JsonArray a ? [.. a.Select(s => (string)s!)] : [];

    /// <summary>A field's value in words; a guardrail that names no levers applies to every one.</summary>
    private static string Show(string field, JsonNode? value) => value is null && field == "levers" ? "every lever" : Show(value);

    private static string Show(JsonNode? value) => value switch
    {
        null => "none",
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 80 ? s[..77] + "…" : s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString("0.####", CultureInfo.InvariantCulture),
        JsonArray a => string.Join(", ", a.Select(e => Show(e))),
        _ => value.ToJsonString(),
    };
}

/// <summary>A pack as a diff names it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Fingerprint">Its fingerprint.</param>
public sealed record PackVersion(string Name, string Fingerprint);
