using Microsoft.AspNetCore.Http;
using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Cli.Serve;

/// <summary>The stored decisions, newest first, optionally for one model: <c>GET /v1/records?model=…&amp;limit=…</c>.</summary>
internal static class Records
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 500;

    public static IReadOnlyList<object> List(string directory, IQueryCollection query)
    {
        var model = query.TryGetValue("model", out var m) ? m.ToString() : null;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            throw RequestRefused.BadRequest($"limit: '{Words.Printable(l.ToString())}' is not a whole number from 1 to {MaxLimit}");
        }

        if (!Directory.Exists(directory))
        {
            return [];
        }

        // Record file names start with the decision time and carry the model, so the newest are found by name.
        var named = model is null ? null : "-" + DecisionRecordJson.FileNamePart(model) + "-";
        return [.. Directory.EnumerateFiles(directory, "*.json")
            .Where(p => named is null || Path.GetFileName(p).Contains(named, StringComparison.Ordinal))
            .OrderByDescending(p => Path.GetFileName(p), StringComparer.Ordinal)
            .Select(Read)
            .Where(r => r is not null && (model is null || r.Release?.Model == model))
            .Take(limit)
            .Select(r => (object)new
            {
                decisionId = r!.DecisionId,
                decidedAt = r.DecidedAt,
                verdict = Words.Of(r.Verdict),
                exitCode = r.ExitCode,
                model = r.Release?.Model,
                version = r.Release?.Version,
                stage = Words.Of(r.Stage),
                reason = r.Reason,
                record = $"/v1/records/{r.DecisionId}",
            })];
    }

    private static DecisionRecord? Read(string path)
    {
        try
        {
            return DecisionRecordJson.Read(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            // A file being replaced, or not a record: it is not listed.
            return null;
        }
    }
}
