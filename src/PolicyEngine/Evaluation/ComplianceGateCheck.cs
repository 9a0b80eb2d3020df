using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="ComplianceGateAttribute">compliance gate</see>.</summary>
public static class ComplianceGateCheck
{
    /// <summary>Evidence issued this far in the future is not trusted: clocks differ, but not by more.</summary>
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Judges the evidence of the guardrail's kind against the release in <paramref name="context"/>.</summary>
    public static Finding Evaluate(Guardrail guardrail, ComplianceGateSpec spec, RolloutContext context, IEnumerable<Evidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Judge(guardrail, context, evidence, spec.EvidenceKind, spec.MaxAgeDays, spec.RequireSignature);
    }

    private static Finding Judge(Guardrail guardrail, RolloutContext context, IEnumerable<Evidence> evidence, string kind, int maxAgeDays, bool requireSignature) =>
        GuardrailRun.Safely(guardrail, guardrail.Slice, () =>
        {
            var slice = guardrail.Slice;
            var all = evidence.ToList();
            var subject = $"{context.Model} {context.Version}";
            var mine = all.Where(e => e.Model == context.Model && e.Version == context.Version).ToList();
            if (mine.Count == 0)
            {
                return all.Count == 0
                    ? Finding.Missing(guardrail, slice, $"no '{kind}' evidence for {subject}")
                    : Finding.Of(guardrail, Outcome.Fail, slice, null, null, all.Count,
                        $"'{kind}' evidence is for {string.Join(", ", all.Select(e => $"{e.Model} {e.Version}").Distinct())}, not for {subject}");
            }

            if (mine.FirstOrDefault(e => e.Signature == SignatureStatus.Invalid) is { } forged)
            {
                return Finding.Of(guardrail, Outcome.Fail, slice, null, null, mine.Count,
                    $"'{kind}' evidence from {forged.Issuer} has a signature that does not verify");
            }

            var usable = requireSignature ? mine.Where(e => e.Signature == SignatureStatus.Valid).ToList() : mine;
            if (usable.Count == 0)
            {
                var why = mine.Any(e => e.Signature == SignatureStatus.UntrustedKey) ? "signed by a key that is not trusted" : "unsigned";
                return Finding.Of(guardrail, Outcome.Fail, slice, null, null, mine.Count, $"'{kind}' evidence for {subject} is {why}; a trusted signature is required");
            }

            var current = usable.Where(e => e.ExpiresAt is null || e.ExpiresAt > context.EvaluatedAt).ToList();
            if (current.Count == 0)
            {
                var last = usable.MaxBy(e => e.ExpiresAt)!;
                return Finding.Of(guardrail, Outcome.Fail, slice, null, null, usable.Count,
                    $"'{kind}' evidence from {last.Issuer} expired on {last.ExpiresAt:u}");
            }

            var newest = current.MaxBy(e => e.IssuedAt)!;
            var age = context.EvaluatedAt - newest.IssuedAt;
            if (age < -AllowedClockSkew)
            {
                return Finding.Of(guardrail, Outcome.Fail, slice, age.TotalDays, maxAgeDays, usable.Count,
                    $"'{kind}' evidence from {newest.Issuer} is dated {newest.IssuedAt:u}, after the decision time");
            }

            var ageDays = Math.Max(0, age.TotalDays);
            if (maxAgeDays > 0 && ageDays > maxAgeDays)
            {
                return Finding.Of(guardrail, Outcome.Fail, slice, ageDays, maxAgeDays, usable.Count,
                    $"'{kind}' evidence from {newest.Issuer} is {Finding.Format(Math.Floor(ageDays))} days old; it expires after {maxAgeDays}");
            }

            var signed = newest.Signature == SignatureStatus.Valid ? "signed " : "";
            return Finding.Of(guardrail, Outcome.Pass, slice, ageDays, maxAgeDays > 0 ? maxAgeDays : null, usable.Count,
                $"{signed}'{kind}' evidence from {newest.Issuer}, {Finding.Format(Math.Floor(ageDays))} days old");
        });
}
