namespace PolicyEngine.Evaluation;

/// <summary>A policy's score over its metric groups, shown in the decision.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Value">The score, 0–100, or null when no grouped finding was decided.</param>
/// <param name="Pass">The lowest passing score.</param>
/// <param name="Marginal">The lowest marginal score.</param>
/// <param name="Band">Where the score falls.</param>
/// <param name="Groups">Each group's share.</param>
public sealed record PolicyScore(string Policy, double? Value, double Pass, double Marginal, ScoreBand Band, IReadOnlyList<GroupScore> Groups)
{
    /// <summary>Grouped findings left inconclusive: they count in no share, and while any is left the policy does not pass.</summary>
    public int Undecided => Groups.Sum(g => g.Inconclusive);

    /// <summary>One line for people: the score against its thresholds, and what is still undecided.</summary>
    public string Describe() => (Value is { } v
        ? $"{Policy} scored {Finding.Format(v)} of 100 ({Band.ToString().ToLowerInvariant()}: pass at {Finding.Format(Pass)}, marginal at {Finding.Format(Marginal)})"
        : $"{Policy} has no score: none of its grouped guardrails was decided")
        + (Undecided > 0 && Value is not null ? $"; {Undecided} grouped findings inconclusive, so not a pass yet" : "");

    /// <summary>Each group's share, for people: <c>latency 50 (weight 3; 1 passed, 1 failed, 0 inconclusive)</c>.</summary>
    public string DescribeGroups() => string.Join(", ", Groups.Select(g =>
        $"{g.Name} {(g.Value is { } v ? Finding.Format(v) : "–")} (weight {Finding.Format(g.Weight)}; {g.Passed} passed, {g.Failed} failed, {g.Inconclusive} inconclusive)"));
}

/// <summary>One metric group's share of a policy's score.</summary>
/// <param name="Name">The group.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Passed">Its passing findings.</param>
/// <param name="Failed">Its failing findings.</param>
/// <param name="Inconclusive">Its inconclusive findings, left out of the share.</param>
/// <param name="Value">passed ÷ (passed + failed) × 100, or null when none was decided.</param>
public sealed record GroupScore(string Name, double Weight, int Passed, int Failed, int Inconclusive, double? Value);

/// <summary>Where a score falls against its policy's thresholds.</summary>
public enum ScoreBand
{
    /// <summary>At or above the pass threshold.</summary>
    Pass = 0,

    /// <summary>Below pass, at or above marginal: a canary is held for more data, other stages blocked.</summary>
    Marginal = 1,

    /// <summary>Below marginal: a canary is rolled back, other stages blocked.</summary>
    Fail = 2,

    /// <summary>No grouped finding was decided: held in a canary, blocked elsewhere, like an inconclusive finding.</summary>
    NoData = 3,
}
