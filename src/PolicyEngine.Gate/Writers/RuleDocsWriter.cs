using System.Net;
using System.Text;
using System.Text.Json;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Writers;

/// <summary>
/// A pack's rule docs for auditors (docs/audit.md): the generator's Markdown with the build it came from and a
/// link per guardrail to its source line; or the same facts as JSON, or as one self-contained HTML page.
/// </summary>
public static class RuleDocsWriter
{
    /// <summary>The generator's rule docs, then the build and the sources.</summary>
    public static string Markdown(PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var identity = PolicyIdentity.Of(pack);
        var md = new StringBuilder(pack.RuleDocs);
        md.AppendLine();
        md.AppendLine("## Build");
        md.AppendLine();
        md.AppendLine($"- Version: {Show(identity.Version)}");
        md.AppendLine($"- Commit: {Show(identity.Commit)}");
        md.AppendLine($"- Repository: {Show(identity.Repository)}");
        md.AppendLine();
        md.AppendLine("## Sources");
        md.AppendLine();
        foreach (var g in pack.Guardrails.OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            var where = $"{g.SourceFile} line {g.SourceLine}";
            md.AppendLine(Link(identity, g) is { } url ? $"- `{g.Id}`: [{Words.Printable(where)}]({url})" : $"- `{g.Id}`: {Words.Printable(where)}");
        }

        return md.ToString();
    }

    /// <summary>The facts of the rule docs as JSON: the build, and every guardrail with its source and link.</summary>
    public static string Write(PolicyPack pack) => JsonSerializer.Serialize(Document(pack), DecisionRecordJson.Options) + "\n";

    /// <summary>One self-contained HTML page: no script, no font or style fetched; every text escaped.</summary>
    public static string Html(PolicyPack pack)
    {
        var doc = Document(pack);
        static string E(string? text) => WebUtility.HtmlEncode(Words.Printable(text ?? ""));
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>Guardrails of {E(doc.Pack)}</title>");
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}code{font-family:ui-monospace,monospace}</style>");
        html.AppendLine("</head><body>");
        html.AppendLine($"<h1>Guardrails of {E(doc.Pack)}</h1>");
        html.AppendLine($"<p>Fingerprint <code>{E(doc.Fingerprint)}</code> · version {E(doc.Version ?? "unknown")} · commit <code>{E(doc.Commit ?? "unknown")}</code> · repository {E(doc.Repository ?? "unknown")}</p>");
        html.AppendLine("<table><thead><tr><th>Guardrail</th><th>Kind</th><th>Requirement</th><th>Severity</th><th>Stages</th><th>When data is missing</th><th>Owner</th><th>Why</th><th>Source</th></tr></thead><tbody>");
        foreach (var g in doc.Guardrails)
        {
            var source = g.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? $"<a href=\"{E(uri.AbsoluteUri)}\">{E(g.Source)}</a>"
                : E(g.Source);
            html.AppendLine($"<tr><td><code>{E(g.Id)}</code></td><td>{E(g.Kind)}</td><td>{E(g.Requirement)}</td><td>{E(g.Severity)}</td><td>{E(g.Stages)}</td><td>{E(g.WhenMissing)}</td><td>{E(g.Owner)}</td><td>{E(g.Rationale)}</td><td>{source}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static RuleDocsDocument Document(PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var identity = PolicyIdentity.Of(pack);
        return new RuleDocsDocument(pack.Name, pack.Fingerprint, identity.Version, identity.Commit, identity.Repository,
            [.. pack.Guardrails.OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => new RuleDocsGuardrail(
                g.Id, g.Policy, Words.Of(g.Kind), g.Requirement, g.Rationale, Words.Of(g.Severity), g.Stages.ToString(), Words.Of(g.WhenMissing), g.Owner,
                $"{g.SourceFile} line {g.SourceLine}", Link(identity, g)))]);
    }

    /// <summary>
    /// A link to the guardrail's source line at the commit it was built from, for repositories served the GitHub or
    /// GitLab way (<c>…/blob/&lt;commit&gt;/&lt;path&gt;#L&lt;line&gt;</c>); null when the repository, commit or host is unknown.
    /// </summary>
    private static string? Link(PolicyIdentity identity, Guardrail guardrail) =>
        SourceLink(identity.Repository, identity.Commit, guardrail.SourceFile, guardrail.SourceLine);

    /// <summary>
    /// A link to <paramref name="file"/> line <paramref name="line"/> at <paramref name="commit"/>, for an https
    /// repository served the GitHub or GitLab way; null otherwise.
    /// </summary>
    public static string? SourceLink(string? repository, string? commit, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (repository is null || commit is null || file.Length == 0
            || !Uri.TryCreate(repository, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !(uri.Host.Contains("github", StringComparison.OrdinalIgnoreCase) || uri.Host.Contains("gitlab", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var root = uri.AbsoluteUri.TrimEnd('/');
        root = root.EndsWith(".git", StringComparison.Ordinal) ? root[..^4] : root;
        var path = string.Join('/', file.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
        return $"{root}/blob/{Uri.EscapeDataString(commit)}/{path}#L{line}";
    }

    private static string Show(string? value) => value is null ? "unknown" : $"`{Words.Printable(value)}`";
}

/// <summary>The rule docs as data.</summary>
/// <param name="Pack">The pack's name.</param>
/// <param name="Fingerprint">Its fingerprint.</param>
/// <param name="Version">The pack assembly's version.</param>
/// <param name="Commit">The commit it was built from.</param>
/// <param name="Repository">The repository it was built from.</param>
/// <param name="Guardrails">Its guardrails, by id.</param>
public sealed record RuleDocsDocument(string Pack, string Fingerprint, string? Version, string? Commit, string? Repository, IReadOnlyList<RuleDocsGuardrail> Guardrails);

/// <summary>One guardrail in the rule docs.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Policy">Its policy.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Requirement">What it demands.</param>
/// <param name="Rationale">Why.</param>
/// <param name="Severity">What its failure does.</param>
/// <param name="Stages">The stages it judges.</param>
/// <param name="WhenMissing">What missing data makes of it.</param>
/// <param name="Owner">Who owns it.</param>
/// <param name="Source">Its source file and line.</param>
/// <param name="Url">A link to that line at the commit built, when known.</param>
public sealed record RuleDocsGuardrail(string Id, string Policy, string Kind, string Requirement, string Rationale, string Severity, string Stages, string WhenMissing, string Owner, string Source, string? Url);
