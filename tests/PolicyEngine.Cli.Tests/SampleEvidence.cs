using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PolicyEngine.Gate.Inputs.EvidenceFiles;

namespace PolicyEngine.Cli.Tests;

/// <summary>Evidence items like the sample's, signed with the sample keys, for tests that change one thing about them.</summary>
internal static class SampleEvidence
{
    public static string Item(string kind, string issuer, string issuedAt, string model = "support-assistant", string version = "2.1.0", string? expiresAt = null, bool sign = true)
    {
        var item = new JsonObject
        {
            ["kind"] = kind,
            ["subject"] = new JsonObject { ["model"] = model, ["version"] = version },
            ["issuer"] = issuer,
            ["issuedAt"] = issuedAt,
            ["digest"] = "sha256:00ff",
        };
        if (expiresAt is not null)
        {
            item["expiresAt"] = expiresAt;
        }

        if (sign)
        {
            var name = issuer.Split('@')[0];
            using var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(Path.Combine(SampleFiles.Directory, "keys", $"{name}.pem")));
            EvidenceSignature.Sign(item, $"{name}-2026", key);
        }

        return item.ToJsonString();
    }

    public static string Document(params string[] items) => $"{{ \"items\": [{string.Join(", ", items)}] }}";

    /// <summary>Both items the sample pack requires in canary, valid.</summary>
    public static string[] Valid() =>
    [
        Item("pii-review", "privacy@contoso.example", "2026-10-01T09:30:00Z"),
        Item("red-team", "red-team@contoso.example", "2026-11-20T16:00:00Z"),
    ];
}
