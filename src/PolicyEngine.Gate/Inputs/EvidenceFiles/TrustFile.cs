using System.Security.Cryptography;
using System.Text.Json.Serialization;
using FluentValidation;

namespace PolicyEngine.Gate.Inputs.EvidenceFiles;

/// <summary>The keys whose signatures on evidence are trusted (docs/schemas/trust.schema.json).</summary>
public sealed class TrustFile
{
    /// <summary>The schema the file declares; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>The trusted keys.</summary>
    public List<TrustedKeyDocument>? Keys { get; set; }

    /// <summary>Loads a trust file; every key must be an ECDSA P-256 public key in PEM.</summary>
    /// <exception cref="InputException">The file is missing or invalid, or a key is not a P-256 public key.</exception>
    public static (IReadOnlyDictionary<string, TrustedKey> Keys, InputFile File) Load(string path)
    {
        var (document, sha) = JsonInput.Read(path, new TrustFileValidator());
        var keys = new Dictionary<string, TrustedKey>(StringComparer.Ordinal);
        for (var i = 0; i < document.Keys!.Count; i++)
        {
            var key = document.Keys[i];
            keys[key.Id!] = new TrustedKey(key.Id!, key.Issuer!, Import(path, $"keys[{i}].publicKey", key.PublicKey!));
        }

        return (keys, new InputFile("trust", path, sha, keys.Count));
    }

    private static ECDsa Import(string path, string field, string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InputException(path, field, $"is not a PEM public key: {e.Message}", e);
        }

        if (key.ExportParameters(false).Curve.Oid.Value != "1.2.840.10045.3.1.7")
        {
            key.Dispose();
            throw new InputException(path, field, "is not on curve P-256; expected an ECDSA P-256 (prime256v1) public key");
        }

        return key;
    }

    private sealed class TrustFileValidator : InputValidator<TrustFile>
    {
        public TrustFileValidator()
        {
            RuleFor(d => d.Keys).NotNull().WithMessage("is missing; expected an array of keys");
            RuleForEach(d => d.Keys).ChildRules(key =>
            {
                key.RuleFor(k => k.Id).NotEmpty().WithMessage("is missing; expected the key id evidence signatures name");
                key.RuleFor(k => k.Issuer).NotEmpty().WithMessage("is missing; expected the issuer whose evidence the key signs");
                key.RuleFor(k => k.PublicKey).NotEmpty().WithMessage("is missing; expected a PEM ECDSA P-256 public key");
                // ImportFromPem would take a private key and quietly use its public half: refuse it, it is a leak.
                key.RuleFor(k => k.PublicKey).Must(p => !p!.Contains("PRIVATE KEY", StringComparison.OrdinalIgnoreCase))
                    .When(k => k.PublicKey is not null, ApplyConditionTo.CurrentValidator)
                    .WithMessage("holds private key material; a trust file holds public keys only (BEGIN PUBLIC KEY). Treat the private key as exposed: rotate it");
            });
            RuleForEach(d => d.Keys).Must((d, k) => d.Keys!.Count(o => o.Id == k.Id) == 1)
                .WithMessage((_, k) => $"repeats key id '{k.Id}'; expected each id once").When(d => d.Keys is not null);
        }
    }
}

/// <summary>One trusted key as written in the trust file.</summary>
public sealed class TrustedKeyDocument
{
    /// <summary>The id signatures name.</summary>
    public string? Id { get; set; }

    /// <summary>The issuer whose evidence this key may sign; a key signs for no one else.</summary>
    public string? Issuer { get; set; }

    /// <summary>The ECDSA P-256 public key, PEM (BEGIN PUBLIC KEY).</summary>
    public string? PublicKey { get; set; }
}

/// <summary>A trusted key, imported.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Issuer">The issuer it signs for.</param>
/// <param name="Key">The public key.</param>
public sealed record TrustedKey(string Id, string Issuer, ECDsa Key);
