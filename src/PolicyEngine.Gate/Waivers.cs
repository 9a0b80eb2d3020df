using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Waivers;

namespace PolicyEngine.Gate;

/// <summary>
/// Applies signed waivers to a decision's findings (docs/audit.md): a failed finding a valid waiver covers becomes
/// <see cref="Outcome.Waived"/>, saying who waived it and why. An error or an inconclusive finding is never waived:
/// a waiver accepts a known failure, not a missing or broken judgement. Every waiver given is accounted for in the
/// record — applied, unused, or refused with the reason.
/// </summary>
public static class Waivers
{
    /// <summary>The longest a waiver may run, issued to expiry: longer is over-broad.</summary>
    public static TimeSpan MaxLifetime { get; } = TimeSpan.FromDays(90);

    /// <summary>The findings with waivers applied, and what became of each waiver.</summary>
    /// <param name="findings">The findings.</param>
    /// <param name="waivers">The waivers given.</param>
    /// <param name="model">The release's model.</param>
    /// <param name="version">The release's version.</param>
    /// <param name="now">The decision time.</param>
    /// <param name="author">The release's author (the run's actor), when self-approved waivers are refused; null otherwise.</param>
    public static (IReadOnlyList<Finding> Findings, IReadOnlyList<WaiverUse> Uses) Apply(IReadOnlyList<Finding> findings, IReadOnlyList<Waiver> waivers, string model, string version, DateTimeOffset now, string? author)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(waivers);
        var result = findings.ToList();
        var uses = new List<WaiverUse>();
        foreach (var waiver in waivers)
        {
            if (Refusal(waiver, model, now, author) is { } why)
            {
                uses.Add(WaiverUse.Of(waiver, "refused", why));
                continue;
            }

            if (!Covers(waiver.Versions, version))
            {
                uses.Add(WaiverUse.Of(waiver, "unused", $"it covers versions {waiver.Versions}, not {version}"));
                continue;
            }

            var covered = 0;
            for (var i = 0; i < result.Count; i++)
            {
                var finding = result[i];
                if (finding.GuardrailId == waiver.Guardrail && (waiver.Slice is null || finding.Slice == waiver.Slice) && finding.Outcome == Outcome.Fail)
                {
                    result[i] = finding with
                    {
                        Outcome = Outcome.Waived,
                        Reason = $"waived by {waiver.Approver} ({waiver.Ticket}, until {waiver.Expires:yyyy-MM-dd}): {waiver.Reason}; the guardrail failed: {finding.Reason}",
                    };
                    covered++;
                }
            }

            uses.Add(covered > 0
                ? WaiverUse.Of(waiver, "applied", $"waived {covered} failed finding{(covered == 1 ? "" : "s")}")
                : WaiverUse.Of(waiver, "unused", "no failed finding of that guardrail and slice to waive (errors and inconclusive findings are never waived)"));
        }

        return (result, uses);
    }

    /// <summary>Why a waiver may not be used at all, or null.</summary>
    private static string? Refusal(Waiver waiver, string model, DateTimeOffset now, string? author) => waiver switch
    {
        { Signature: SignatureStatus.Unsigned } => "it is not signed",
        { Signature: SignatureStatus.UntrustedKey } => $"it is signed with a key the trust file does not give {waiver.Approver}",
        { Signature: not SignatureStatus.Valid } => "its signature does not match its content (edited after signing, or forged)",
        _ when waiver.Model != model => $"it is for model {waiver.Model}, not {model}",
        _ when waiver.Guardrail.Contains('*', StringComparison.Ordinal) || waiver.Versions.Trim() is "*" or ".*" || waiver.Slice == "*" => "it is over-broad: it must name one guardrail, one version or version line, and a slice or none",
        _ when waiver.Expires - waiver.Issued > MaxLifetime => $"it is over-broad: it runs {(waiver.Expires - waiver.Issued).TotalDays:0} days, more than the {MaxLifetime.TotalDays:0} a waiver may",
        _ when waiver.Expires <= waiver.Issued => "it expires before it was issued",
        _ when now < waiver.Issued => $"it is not yet in force (issued {waiver.Issued:O})",
        _ when now >= waiver.Expires => $"it expired on {waiver.Expires:O}",
        _ when author is not null && string.Equals(author, waiver.Approver, StringComparison.OrdinalIgnoreCase) => $"it is approved by the release's own author ({author}), which this configuration refuses",
        _ => null,
    };

    /// <summary>Whether <paramref name="versions"/> (a version, or a prefix ending in <c>.*</c>) covers <paramref name="version"/>.</summary>
    public static bool Covers(string versions, string version)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(version);
        return versions.EndsWith(".*", StringComparison.Ordinal)
            ? version.StartsWith(versions[..^1], StringComparison.Ordinal)
            : version == versions;
    }
}

/// <summary>What became of a waiver in a decision.</summary>
/// <param name="Guardrail">The guardrail it names.</param>
/// <param name="Slice">The slice, or null for every slice.</param>
/// <param name="Versions">The versions it covers.</param>
/// <param name="Approver">Who approved it.</param>
/// <param name="Ticket">The ticket.</param>
/// <param name="Reason">Why the failure was accepted.</param>
/// <param name="Expires">When it lapses.</param>
/// <param name="Status">applied, unused or refused.</param>
/// <param name="Detail">What it waived, or why it was not used.</param>
public sealed record WaiverUse(string Guardrail, string? Slice, string Versions, string Approver, string Ticket, string Reason, DateTimeOffset Expires, string Status, string Detail)
{
    internal static WaiverUse Of(Waiver waiver, string status, string detail) =>
        new(waiver.Guardrail, waiver.Slice, waiver.Versions, waiver.Approver, waiver.Ticket, waiver.Reason, waiver.Expires, status, detail);
}
