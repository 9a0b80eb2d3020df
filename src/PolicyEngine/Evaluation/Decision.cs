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

    /// <summary>
    /// Folds findings into a verdict (DESIGN.md §7): error if anything errored or nothing was judged;
    /// rollback if a blocking rollback threshold failed in a canary; block if a blocking guardrail failed,
    /// or was inconclusive outside a canary; hold if a blocking guardrail was inconclusive in a canary;
    /// warn if a warning guardrail failed or was inconclusive; else pass.
    /// </summary>
    public static Decision Fold(IReadOnlyList<Finding> findings, Stages stage)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var canary = stage == Stages.Canary;
        var blocking = findings.Where(f => f.Severity == Severity.Block).ToList();

        var (verdict, culprits) = findings switch
        {
            [] => (Verdict.Error, findings),
            _ when findings.Any(f => f.Outcome == Outcome.Error) => (Verdict.Error, Where(findings, Outcome.Error)),
            _ when canary && blocking.Any(IsFailedRollback) => (Verdict.Rollback, blocking.Where(IsFailedRollback).ToList()),
            _ when blocking.Any(f => f.Outcome == Outcome.Fail) => (Verdict.Block, Where(blocking, Outcome.Fail)),
            _ when !canary && blocking.Any(f => f.Outcome == Outcome.Inconclusive) => (Verdict.Block, Where(blocking, Outcome.Inconclusive)),
            _ when blocking.Any(f => f.Outcome == Outcome.Inconclusive) => (Verdict.Hold, Where(blocking, Outcome.Inconclusive)),
            _ when findings.Any(f => f.Severity == Severity.Warn && f.Outcome is Outcome.Fail or Outcome.Inconclusive) =>
                (Verdict.Warn, findings.Where(f => f.Severity == Severity.Warn && f.Outcome is Outcome.Fail or Outcome.Inconclusive).ToList()),
            _ => (Verdict.Pass, (IReadOnlyList<Finding>)[]),
        };

        var reason = findings.Count == 0
            ? "no guardrail judged this release; nothing judged is not a pass"
            : culprits.Count == 0
                ? $"all {findings.Count} findings passed"
                : $"{string.Join(", ", culprits.Select(f => f.GuardrailId).Distinct())}: {culprits[0].Reason}";
        return new Decision(verdict, stage, findings, reason);
    }

    private static bool IsFailedRollback(Finding finding) => finding.Kind == GuardrailKind.RollbackThreshold && finding.Outcome == Outcome.Fail;

    private static List<Finding> Where(IEnumerable<Finding> findings, Outcome outcome) => findings.Where(f => f.Outcome == outcome).ToList();
}
