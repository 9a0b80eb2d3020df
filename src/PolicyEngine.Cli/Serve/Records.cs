using Microsoft.AspNetCore.Http;
using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Cli.Serve;

/// <summary>The stored decisions, newest first, optionally for one model: <c>GET /v1/records?model=…&amp;limit=…</c>.</summary>
internal static class Records
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 500;

    public static IReadOnlyList<object> List(DecisionStore store, IQueryCollection query)
    {
        var model = query.TryGetValue("model", out var m) ? m.ToString() : null;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            throw RequestRefused.BadRequest($"limit: '{Words.Printable(l.ToString())}' is not a whole number from 1 to {MaxLimit}");
        }

        return [.. store.Newest(model)
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

    private static DecisionRecord? Read(StoredRecord stored)
    {
        try
        {
            return stored.Read();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            // Not a record (records verify names it): it is not listed.
            return null;
        }
    }
}
