namespace PolicyEngine.Evaluation;

/// <summary>How a policy that declares metric groups scores its grouped rollback thresholds.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Pass">The lowest passing score, 0–100.</param>
/// <param name="Marginal">The lowest marginal score, 0–100, at most <paramref name="Pass"/>.</param>
/// <param name="Groups">The groups and their weights.</param>
public sealed record Scorecard(string Policy, double Pass, double Marginal, IReadOnlyList<ScoreGroup> Groups)
{
    /// <summary>
    /// Scores the findings of the policy's grouped guardrails: each group's score is the share of its decided
    /// findings (pass or fail) that passed, times 100; the policy's score is the groups' weighted mean over the
    /// groups with a decided finding. Inconclusive findings count in no group's share, as Kayenta leaves out
    /// metrics without data; a policy with no decided finding has no score.
    /// </summary>
    /// <param name="findings">The decision's findings.</param>
    /// <param name="pack">The pack, to find each finding's guardrail.</param>
    public PolicyScore Score(IReadOnlyList<Finding> findings, PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(pack);
        var byGroup = findings
            .Select(f => (Finding: f, Guardrail: pack.Find(f.GuardrailId)))
            .Where(x => x.Guardrail is { Group: not null } g && g.Policy == Policy)
            .ToLookup(x => x.Guardrail!.Group!, x => x.Finding, StringComparer.Ordinal);
        var groups = Groups.Select(g =>
        {
            var members = byGroup[g.Name].ToList();
            int passed = members.Count(f => f.Outcome == Outcome.Pass), failed = members.Count(f => f.Outcome == Outcome.Fail);
            double? value = passed + failed == 0 ? null : 100.0 * passed / (passed + failed);
            return new GroupScore(g.Name, g.Weight, passed, failed, members.Count(f => f.Outcome == Outcome.Inconclusive), value);
        }).ToList();

        var scored = groups.Where(g => g.Value is not null).ToList();
        double? score = scored.Count == 0 ? null : WeightedMean(scored.Select(g => (g.Weight, g.Value!.Value)));
        var band = score switch
        {
            null => ScoreBand.NoData,
            _ when score >= Pass => ScoreBand.Pass,
            _ when score >= Marginal => ScoreBand.Marginal,
            _ => ScoreBand.Fail,
        };
        return new PolicyScore(Policy, score, Pass, Marginal, band, groups);
    }

    /// <summary>
    /// The weighted mean of group scores, rounded to two decimals half up (3.125 → 3.13, not .NET's default
    /// half-to-even 3.12); the rounded value is both shown and classified against the thresholds.
    /// </summary>
    /// <param name="groups">Each scored group's weight (greater than 0) and score (0–100).</param>
    public static double WeightedMean(IEnumerable<(double Weight, double Score)> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.ToList();
        return list.Count == 0
            ? throw new ArgumentException("no group has a score", nameof(groups))
            : Math.Round(list.Sum(g => g.Weight * g.Score) / list.Sum(g => g.Weight), 2, MidpointRounding.AwayFromZero);
    }
}
