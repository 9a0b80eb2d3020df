using System.Text;
using System.Text.Json;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Packs;

namespace PolicyEngine.Gate.Writers;

/// <summary>Writes a <see cref="PackDiff"/> for code review: Markdown for a PR comment, or JSON.</summary>
public static class PackDiffWriter
{
    /// <summary>The diff as Markdown: a headline with the counts, then a row per change with what the guardrail now requires.</summary>
    /// <param name="diff">The diff.</param>
    /// <param name="after">The pack after, for what each guardrail now requires.</param>
    /// <param name="backTest">Past decisions judged again under the pack after, when asked for.</param>
    public static string Markdown(PackDiff diff, PolicyPack after, IReadOnlyList<BackTestedDecision>? backTest = null)
    {
        var md = new StringBuilder(Changes(diff, after));
        if (backTest is not null)
        {
            md.AppendLine();
            md.Append(BackTested(backTest));
        }

        return md.ToString();
    }

    /// <summary>The past decisions judged again: how many, and each whose verdict would change or that could not be judged again.</summary>
    public static string BackTested(IReadOnlyList<BackTestedDecision> backTest)
    {
        ArgumentNullException.ThrowIfNull(backTest);
        var md = new StringBuilder();
        var changed = backTest.Where(b => b.Changes).ToList();
        var skipped = backTest.Where(b => b.Would is null).ToList();
        md.AppendLine($"### Back-test on {backTest.Count} past decisions: {changed.Count} would change, {backTest.Count - changed.Count - skipped.Count} unchanged, {skipped.Count} not judged again");
        md.AppendLine();
        if (changed.Count + skipped.Count == 0)
        {
            return md.ToString();
        }

        md.AppendLine("| Decision | Release | Decided | Was | Would be | Why |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var b in changed.Concat(skipped))
        {
            md.AppendLine($"| `{b.DecisionId}` | {Escape(b.Release)} | {b.DecidedAt:yyyy-MM-dd HH:mm} | {Words.Of(b.Was)} | {(b.Would is { } w ? Words.Of(w) : "—")} | {Escape(b.Detail)} |");
        }

        return md.ToString();
    }

    private static string Changes(PackDiff diff, PolicyPack after)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(after);
        var md = new StringBuilder();
        var headline = diff.Relaxes ? "relaxes what the policy enforces" : diff.Changes.Count == 0 ? "changes nothing the policy enforces" : "relaxes nothing";
        md.AppendLine($"## Policy diff: {Escape(diff.After.Name)} {headline}");
        md.AppendLine();
        md.AppendLine($"`{Words.Short(diff.Before.Fingerprint)}` → `{Words.Short(diff.After.Fingerprint)}` · " +
            string.Join(", ", Enum.GetValues<ChangeEffect>().Select(e => $"{diff.Changes.Count(c => c.Effect == e)} {Words.Of(e)}")));
        md.AppendLine();
        if (diff.Changes.Count == 0)
        {
            md.AppendLine("No guardrail changed what it enforces: wording and rationales aside, the two builds are the same policy.");
            return md.ToString();
        }

        md.AppendLine("| Effect | Guardrail | Change | Now requires |");
        md.AppendLine("|---|---|---|---|");
        foreach (var change in diff.Changes)
        {
            var now = change.Effect == ChangeEffect.Removed ? "(removed)" : after.Find(change.Subject)?.Requirement ?? "";
            md.AppendLine($"| {Mark(change.Effect)} {Words.Of(change.Effect)} | `{Escape(change.Subject)}` | {Escape(change.What)} | {Escape(now)} |");
        }

        return md.ToString();
    }

    /// <summary>The diff as JSON, with the back-test when there is one.</summary>
    public static string Write(PackDiff diff, IReadOnlyList<BackTestedDecision>? backTest = null) =>
        JsonSerializer.Serialize(new { diff.Before, diff.After, diff.Relaxes, diff.Changes, BackTest = backTest }, Records.DecisionRecordJson.Options) + "\n";

    private static string Mark(ChangeEffect effect) => effect switch
    {
        ChangeEffect.Relaxed or ChangeEffect.Removed => "⚠️",
        ChangeEffect.Tightened or ChangeEffect.Added => "🔒",
        _ => "✏️",
    };

    private static string Escape(string text) => Words.Printable(text).Replace("|", "\\|", StringComparison.Ordinal);
}
