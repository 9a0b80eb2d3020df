using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Packs;

namespace PolicyEngine.Gate.Writers;

/// <summary>Writes a <see cref="PackDiff"/> for code review: Markdown for a PR comment, or JSON.</summary>
public static class PackDiffWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The diff as Markdown: a headline with the counts, then a row per change with what the guardrail now requires.</summary>
    public static string Markdown(PackDiff diff, PolicyPack after)
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

    /// <summary>The diff as JSON.</summary>
    public static string Write(PackDiff diff) => JsonSerializer.Serialize(diff, Json) + "\n";

    private static string Mark(ChangeEffect effect) => effect switch
    {
        ChangeEffect.Relaxed or ChangeEffect.Removed => "⚠️",
        ChangeEffect.Tightened or ChangeEffect.Added => "🔒",
        _ => "✏️",
    };

    private static string Escape(string text) => Words.Printable(text).Replace("|", "\\|", StringComparison.Ordinal);
}
