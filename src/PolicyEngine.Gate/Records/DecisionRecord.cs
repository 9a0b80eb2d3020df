using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// What one gate run decided and on which evidence (docs/schemas/decision-record.schema.json): the file
/// auditors read, pipelines parse, and history is built from.
/// </summary>
public sealed record DecisionRecord
{
    /// <summary>The record's format version.</summary>
    public string SchemaVersion { get; init; } = "1";

    /// <summary>A unique, time-ordered id (UUID v7).</summary>
    public required Guid DecisionId { get; init; }

    /// <summary>When the decision was made.</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>The time the release was judged as of: the decision time unless a replay or the sample pinned it.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>
    /// When the canary began, when one was given (<c>gate --canary-start</c>, serve's <c>canaryStart</c>, a watch's first
    /// measurement less one interval): counts over <c>{window}</c> and sample ranges reach back to it; null otherwise.
    /// </summary>
    public DateTimeOffset? CanaryStart { get; init; }

    /// <summary>The verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>The process exit code the verdict maps to.</summary>
    public required int ExitCode { get; init; }

    /// <summary>The stage judged; null when the rollout context could not be read.</summary>
    public Stages? Stage { get; init; }

    /// <summary>One line saying why.</summary>
    public required string Reason { get; init; }

    /// <summary>The policy pack: its name and fingerprint, the policy version an audit cites.</summary>
    public required PolicyIdentity Policy { get; init; }

    /// <summary>The release judged; null when it could not be read.</summary>
    public ReleaseIdentity? Release { get; init; }

    /// <summary>Every input file read: path, SHA-256, rows.</summary>
    public required IReadOnlyList<InputFile> Inputs { get; init; }

    /// <summary>Every finding.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>The scores of the policies that declare metric groups; empty when none does.</summary>
    public IReadOnlyList<PolicyScore> Scores { get; init; } = [];

    /// <summary>The telemetry judged, per role and slice: what later decisions compare with. Empty when none was read.</summary>
    public IReadOnlyList<SliceMetrics> Telemetry { get; init; } = [];

    /// <summary>What stopped the run before a judgement, e.g. a bad input; empty when nothing did.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>Milliseconds per phase.</summary>
    public required Timings Timings { get; init; }

    /// <summary>The PolicyEngine version that decided.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>Every waiver given and what became of it: applied, unused, or refused with the reason (docs/audit.md).</summary>
    public IReadOnlyList<WaiverUse> Waivers { get; init; } = [];

    /// <summary>Who ran the gate and where: actor, host, CI run, HTTP request (docs/audit.md).</summary>
    public RunContext? Run { get; init; }

    /// <summary>The record's place in its directory's decision log (docs/audit.md); null until appended, and for a pending record.</summary>
    public ChainLink? Chain { get; init; }
}

/// <summary>A record's link in its directory's decision log: its place, and the hash of the record before it.</summary>
/// <param name="Sequence">1 for the directory's first record, then one more for each record appended.</param>
/// <param name="Previous">The SHA-256 (<c>sha256:…</c>) of the previous record's file as written; null for the first.</param>
/// <param name="AppendedAt">When the record was appended, under the log's lock: never earlier than the previous record's.</param>
public sealed record ChainLink(long Sequence, string? Previous, DateTimeOffset AppendedAt);

/// <summary>The policy pack that judged.</summary>
/// <param name="Name">The pack's name.</param>
/// <param name="Fingerprint">SHA-256 over its canonical guardrail definitions.</param>
/// <param name="Guardrails">How many guardrails it holds.</param>
public sealed record PolicyIdentity(string Name, string Fingerprint, int Guardrails)
{
    /// <summary>The pack assembly's version, as built.</summary>
    public string? Version { get; init; }

    /// <summary>The commit the pack was built from (the SDK's source control information), when known.</summary>
    public string? Commit { get; init; }

    /// <summary>The repository the pack was built from, when the build knew it.</summary>
    public string? Repository { get; init; }

    /// <summary>The identity of <paramref name="pack"/>, with the version, commit and repository its assembly was stamped with.</summary>
    public static PolicyIdentity Of(Evaluation.PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var assembly = pack.GetType().Assembly;
        var informational = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(assembly)?.InformationalVersion;
        var plus = informational?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        var commit = plus >= 0 ? informational![(plus + 1)..] : null;
        var repository = System.Reflection.CustomAttributeExtensions.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>(assembly)
            .FirstOrDefault(a => a.Key == "RepositoryUrl")?.Value;
        return new PolicyIdentity(pack.Name, pack.Fingerprint, pack.Guardrails.Count)
        {
            Version = plus >= 0 ? informational![..plus] : informational,
            Commit = commit is { Length: > 0 } ? commit : null,
            Repository = string.IsNullOrEmpty(repository) ? null : repository,
        };
    }
}

/// <summary>The release judged.</summary>
/// <param name="Model">The candidate model.</param>
/// <param name="Version">Its version.</param>
/// <param name="Lever">The lever it pulls.</param>
public sealed record ReleaseIdentity(string Model, string Version, Lever Lever);

/// <summary>Milliseconds spent per phase of a gate run.</summary>
/// <param name="LoadMs">Reading and aggregating the inputs.</param>
/// <param name="EvaluateMs">Compiling (first use only) and running the rules, and folding the decision.</param>
/// <param name="TotalMs">The whole run.</param>
public sealed record Timings(double LoadMs, double EvaluateMs, double TotalMs);
