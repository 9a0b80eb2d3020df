namespace PolicyEngine.Evaluation;

/// <summary>The verdict on a release and the findings it rests on.</summary>
/// <param name="Verdict">What the pipeline should do.</param>
/// <param name="Stage">The stage the release was judged in.</param>
/// <param name="Findings">Every finding, ordered by guardrail id and slice.</param>
/// <param name="Reason">One line that says why the verdict is what it is.</param>
public sealed record Decision(Verdict Verdict, Stages Stage, IReadOnlyList<Finding> Findings, string Reason)
{
    /// <summary>The process exit code: 0 pass or warn, 1 block, 2 rollback, 3 hold, 4 error.</summary>
    public int ExitCode => Verdict switch
    {
        Verdict.Pass or Verdict.Warn => 0,
        Verdict.Block => 1,
        Verdict.Rollback => 2,
        Verdict.Hold => 3,
        _ => 4,
    };

    /// <summary>The scores of the policies that declare metric groups; empty when none does.</summary>
    public IReadOnlyList<PolicyScore> Scores { get; init; } = [];

    /// <summary>
    /// Folds findings into a verdict (docs/architecture.md, "Facts, findings and the verdict"): error if anything errored or nothing was judged;
    /// rollback if a blocking rollback threshold failed in a canary; block if a blocking guardrail failed,
    /// or was inconclusive outside a canary; hold if a blocking guardrail was inconclusive in a canary;
    /// warn if a warning guardrail failed or was inconclusive; else pass.
    /// </summary>
    /// <remarks>
    /// With a <paramref name="pack"/> whose policies declare metric groups, a grouped guardrail that is not
    /// critical does not decide alone: its policy's score does, as a blocking rollback threshold would — a
    /// failing score like a failure, a marginal or missing score — or a passing one with grouped findings left
    /// inconclusive — like an inconclusive finding. Errors and critical guardrails still decide alone (docs/canary.md).
    /// </remarks>
    public static Decision Fold(IReadOnlyList<Finding> findings, Stages stage, PolicyPack? pack = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var canary = stage == Stages.Canary;
        // A policy none of whose grouped guardrails applies in this stage has nothing to score; it must not hold
        // or block a stage it does not judge.
        List<PolicyScore> scores = pack is null
            ? []
            : [.. pack.Scorecards.Select(card => card.Score(findings, pack)).Where(s => s.Groups.Any(g => g.Passed + g.Failed + g.Inconclusive > 0))];
        var scored = scores.Select(s => s.Policy).ToHashSet(StringComparer.Ordinal);
        var alone = scores.Count == 0
            ? findings
            : findings.Where(f => f.Outcome == Outcome.Error || pack!.Find(f.GuardrailId) is not { Group: not null, Critical: false } g || !scored.Contains(g.Policy)).ToList();
        var blocking = alone.Where(f => f.Severity == Severity.Block).ToList();
        var failedScores = scores.Where(s => s.Band == ScoreBand.Fail).ToList();
        // A passing score with grouped findings left inconclusive is not a pass: missing data never passes.
        var unsureScores = scores.Where(s => s.Band is ScoreBand.Marginal or ScoreBand.NoData || s.Undecided > 0).ToList();
        var (verdict, culprits) = findings switch
        {
            [] => (Verdict.Error, Reasons(findings)),
            _ when findings.Any(f => f.Outcome == Outcome.Error) => (Verdict.Error, Reasons(Where(findings, Outcome.Error))),
            _ when canary && (blocking.Any(IsFailedRollback) || failedScores.Count > 0) => (Verdict.Rollback, Reasons(blocking.Where(IsFailedRollback), failedScores)),
            _ when blocking.Any(f => f.Outcome == Outcome.Fail) || failedScores.Count > 0 => (Verdict.Block, Reasons(Where(blocking, Outcome.Fail), failedScores)),
            _ when !canary && (blocking.Any(f => f.Outcome == Outcome.Inconclusive) || unsureScores.Count > 0) => (Verdict.Block, Reasons(Where(blocking, Outcome.Inconclusive), unsureScores)),
            _ when blocking.Any(f => f.Outcome == Outcome.Inconclusive) || unsureScores.Count > 0 => (Verdict.Hold, Reasons(Where(blocking, Outcome.Inconclusive), unsureScores)),
            _ when alone.Any(f => f.Severity == Severity.Warn && f.Outcome is Outcome.Fail or Outcome.Inconclusive) =>
                (Verdict.Warn, Reasons(alone.Where(f => f.Severity == Severity.Warn && f.Outcome is Outcome.Fail or Outcome.Inconclusive))),
            _ => (Verdict.Pass, []),
        };
        var reason = findings.Count == 0
            ? "no guardrail judged this release; nothing judged is not a pass"
            : culprits.Count == 0
                ? Passed(findings) + (scores.Count > 0 ? $"; {string.Join("; ", scores.Select(s => s.Describe()))}" : "")
                : string.Join("; ", culprits);
        return new Decision(verdict, stage, findings, reason) { Scores = scores };
    }

    /// <summary>What a decision with no culprit says: every finding passed, or passed but for the waived ones, named.</summary>
    private static string Passed(IReadOnlyList<Finding> findings)
    {
        var waived = findings.Where(f => f.Outcome == Outcome.Waived).Select(f => f.GuardrailId).Distinct(StringComparer.Ordinal).ToList();
        return waived.Count == 0
            ? $"all {findings.Count} findings passed"
            : $"{findings.Count(f => f.Outcome == Outcome.Pass)} findings passed and {findings.Count(f => f.Outcome == Outcome.Waived)} failed but were waived ({string.Join(", ", waived)})";
    }

    /// <summary>The reason lines: the culprit guardrails with the first one's reason, then each score that decided.</summary>
    private static List<string> Reasons(IEnumerable<Finding> findings, IEnumerable<PolicyScore>? scores = null)
    {
        var list = findings.ToList();
        var lines = new List<string>();
        if (list.Count > 0)
        {
            lines.Add($"{string.Join(", ", list.Select(f => f.GuardrailId).Distinct())}: {list[0].Reason}");
        }

        lines.AddRange((scores ?? []).Select(s => s.Describe()));
        return lines;
    }

    private static bool IsFailedRollback(Finding finding) => finding.Kind == GuardrailKind.RollbackThreshold && finding.Outcome == Outcome.Fail;

    private static List<Finding> Where(IEnumerable<Finding> findings, Outcome outcome) => findings.Where(f => f.Outcome == outcome).ToList();
}
