using System.Text.Json;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// Reads the passed decisions on earlier versions of a model from a directory of decision records, newest
/// first: the history a rollback threshold with <see cref="RollbackThresholdAttribute.HistoryCount"/> compares
/// with. Passed means the gate let the release out (exit 0: pass or warn). Counting warn as well is what lets a
/// new model build a history at all: its first releases are inconclusive on a history guardrail, which a
/// warning-severity guardrail turns into warn, not pass.
/// </summary>
public static class DecisionHistory
{
    /// <summary>The last <paramref name="depth"/> passed decisions on <paramref name="model"/> at versions other than <paramref name="version"/>.</summary>
    /// <param name="directory">The record directory; a missing one holds no history.</param>
    /// <param name="model">The model.</param>
    /// <param name="version">The version being judged: its own earlier measurements are no history.</param>
    /// <param name="depth">How many to return at most.</param>
    /// <param name="before">Only decisions made before this time count.</param>
    /// <exception cref="InputException">A record in the directory cannot be read: the history would silently change.</exception>
    public static (IReadOnlyList<PastDecision> Decisions, IReadOnlyList<InputFile> Files) Load(string directory, string model, string version, int depth, DateTimeOffset before)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var decisions = new List<PastDecision>();
        var files = new List<InputFile>();
        if (depth <= 0 || !Directory.Exists(directory))
        {
            return (decisions, files);
        }

        // Record names start with the decision time, so name order is time order; newest first stops early.
        // Names also carry the model, so other models' records are not even opened.
        var named = $"-{DecisionRecordJson.FileNamePart(model)}-";
        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Where(p => Path.GetFileName(p).Contains(named, StringComparison.Ordinal))
                     .OrderDescending(StringComparer.Ordinal))
        {
            var (record, sha256) = Read(path);
            if (record.Verdict is not (Verdict.Pass or Verdict.Warn) || record.Release is not { } release || release.Model != model || release.Version == version
                || record.DecidedAt >= before || record.Telemetry.Count == 0)
            {
                continue;
            }

            decisions.Add(new PastDecision(record.DecisionId, record.DecidedAt, release.Version, record.Telemetry));
            files.Add(new InputFile("decision-record", path, sha256, record.Telemetry.Count));
            if (decisions.Count == depth)
            {
                break;
            }
        }

        return (decisions, files);
    }

    /// <summary>The record and the SHA-256 of exactly the bytes it was read from.</summary>
    private static (DecisionRecord Record, string Sha256) Read(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return (DecisionRecordJson.Read(System.Text.Encoding.UTF8.GetString(bytes)), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
        catch (JsonException e)
        {
            throw new InputException(path, e.Path is { Length: > 1 } field ? $"field '{field[2..]}'" : "",
                $"is not a decision record ({e.Message.Split('.', 2)[0]}); move it out of the record directory or repair it, since history is read from every record there", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, "", $"cannot be read: {e.Message}", e);
        }
    }
}
