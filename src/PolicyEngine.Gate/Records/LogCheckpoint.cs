using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyEngine.Gate.Inputs.EvidenceFiles;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// A signed statement of the log's head — "at sequence N the last record hashed H" — kept in <c>checkpoints/</c>
/// and signed like evidence (ECDSA P-256 over the canonical JSON, a key from the trust file that may sign only for
/// its issuer). A checkpoint makes the log's past fixed: changing any record up to N no longer matches it, even the
/// last one, which only the head vouched for (docs/audit.md).
/// </summary>
/// <param name="Sequence">The sequence signed.</param>
/// <param name="Sha256">The hash of the record at that sequence.</param>
/// <param name="File">That record's file name.</param>
/// <param name="SignedAt">When it was signed.</param>
/// <param name="Issuer">Who signed.</param>
public sealed record LogCheckpoint(long Sequence, string Sha256, string File, DateTimeOffset SignedAt, string Issuer)
{
    /// <summary>The folder beside the records that holds the checkpoints.</summary>
    public const string FolderName = "checkpoints";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Signs the log's current head; returns where the checkpoint was kept.</summary>
    /// <exception cref="InvalidOperationException">The log has no head yet.</exception>
    public static string Sign(DecisionStore store, string issuer, string keyId, ECDsa key, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        var head = store.Head() ?? throw new InvalidOperationException($"{store.Location} holds no decision log yet: nothing to sign");
        var item = new JsonObject
        {
            ["sequence"] = head.Sequence,
            ["sha256"] = head.Sha256,
            ["file"] = head.File,
            ["signedAt"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["issuer"] = issuer,
        };
        EvidenceSignature.Sign(item, keyId, key);
        return store.SaveCheckpoint(head.Sequence, item.ToJsonString(Indented) + "\n");
    }

    /// <summary>Reads and checks a checkpoint's JSON: the checkpoint, or the problem with it.</summary>
    public static (LogCheckpoint? Checkpoint, string? Problem) Verify(string text, IReadOnlyDictionary<string, TrustedKey> trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        try
        {
            var item = JsonNode.Parse(text)!.AsObject();
            var checkpoint = new LogCheckpoint((long)item["sequence"]!, (string)item["sha256"]!, (string)item["file"]!, DateTimeOffset.Parse((string)item["signedAt"]!, System.Globalization.CultureInfo.InvariantCulture), (string)item["issuer"]!);
            var signature = item["signature"] is JsonObject s ? new EvidenceSignatureDocument { KeyId = (string?)s["keyId"], Value = (string?)s["value"] } : null;
            return EvidenceSignature.Verify(item, checkpoint.Issuer, signature, trusted) switch
            {
                SignatureStatus.Valid => (checkpoint, null),
                SignatureStatus.Unsigned => (null, "is not signed"),
                SignatureStatus.UntrustedKey => (null, $"is signed with a key the trust file does not give {checkpoint.Issuer}: forged, or the key is not trusted"),
                _ => (null, "has a signature that does not match its content: forged, or edited after signing"),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException or InvalidCastException or ArgumentException)
        {
            return (null, $"is not a checkpoint ({e.Message})");
        }
    }
}
