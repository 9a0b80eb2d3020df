using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using PolicyEngine.Gate.Inputs.EvidenceFiles;

namespace PolicyEngine.Gate.Inputs.Waivers;

/// <summary>A waiver file (docs/schemas/waivers.schema.json): signed exceptions to failing guardrails (docs/audit.md).</summary>
public sealed class WaiverFile
{
    /// <summary>The schema the file declares; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>The waivers.</summary>
    public List<WaiverDocument>? Waivers { get; set; }

    /// <summary>Loads the file: each waiver with its signature checked against the trusted keys for its approver.</summary>
    /// <exception cref="InputException">The file is missing or invalid.</exception>
    public static (IReadOnlyList<Waiver> Waivers, InputFile File) Load(string path, IReadOnlyDictionary<string, TrustedKey> trusted)
    {
        var (document, sha) = JsonInput.Read(path, new WaiverFileValidator());
        var raw = JsonNode.Parse(File.ReadAllBytes(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!["waivers"]!.AsArray();
        var waivers = document.Waivers!.Select((w, i) => new Waiver(
            w.Guardrail!, w.Slice, w.Model!, w.Versions!, w.Reason!, w.Ticket!, w.Approver!, w.Issued!.Value, w.Expires!.Value,
            EvidenceSignature.Verify(raw[i]!.AsObject(), w.Approver!, w.Signature, trusted))).ToList();
        return (waivers, new InputFile("waivers", path, sha, waivers.Count));
    }

    private sealed class WaiverFileValidator : InputValidator<WaiverFile>
    {
        public WaiverFileValidator()
        {
            RuleFor(d => d.Waivers).NotNull().WithMessage("is missing; expected an array of waivers");
            RuleForEach(d => d.Waivers).ChildRules(w =>
            {
                w.RuleFor(x => x.Guardrail).NotEmpty().WithMessage("is missing; expected the id of the guardrail waived");
                w.RuleFor(x => x.Model).NotEmpty().WithMessage("is missing; expected the model the waiver is for");
                w.RuleFor(x => x.Versions).NotEmpty().WithMessage("is missing; expected a version (2.1.0) or a version prefix (2.1.*)");
                w.RuleFor(x => x.Reason).NotEmpty().WithMessage("is missing; expected why the failure is accepted");
                w.RuleFor(x => x.Ticket).NotEmpty().WithMessage("is missing; expected the ticket that tracks the exception");
                w.RuleFor(x => x.Approver).NotEmpty().WithMessage("is missing; expected who approved it (an issuer in the trust file)");
                w.RuleFor(x => x.Issued).NotNull().WithMessage("is missing; expected when it was approved (ISO 8601)");
                w.RuleFor(x => x.Expires).NotNull().WithMessage("is missing; expected when it lapses (ISO 8601)");
            });
        }
    }
}

/// <summary>One waiver as written.</summary>
public sealed class WaiverDocument
{
    /// <summary>The guardrail id waived, exactly.</summary>
    public string? Guardrail { get; set; }

    /// <summary>The slice waived; null waives the guardrail on every slice.</summary>
    public string? Slice { get; set; }

    /// <summary>The model.</summary>
    public string? Model { get; set; }

    /// <summary>A version, or a prefix ending in <c>.*</c>.</summary>
    public string? Versions { get; set; }

    /// <summary>Why the failure is accepted.</summary>
    public string? Reason { get; set; }

    /// <summary>The ticket tracking it.</summary>
    public string? Ticket { get; set; }

    /// <summary>Who approved it: an issuer whose key the trust file holds.</summary>
    public string? Approver { get; set; }

    /// <summary>When it was approved.</summary>
    public DateTimeOffset? Issued { get; set; }

    /// <summary>When it lapses.</summary>
    public DateTimeOffset? Expires { get; set; }

    /// <summary>The approver's signature over the waiver (as evidence is signed).</summary>
    public EvidenceSignatureDocument? Signature { get; set; }
}

/// <summary>A waiver, its signature checked.</summary>
/// <param name="Guardrail">The guardrail id.</param>
/// <param name="Slice">The slice, or null for every slice.</param>
/// <param name="Model">The model.</param>
/// <param name="Versions">A version, or a prefix ending in <c>.*</c>.</param>
/// <param name="Reason">Why.</param>
/// <param name="Ticket">The ticket.</param>
/// <param name="Approver">Who approved.</param>
/// <param name="Issued">When approved.</param>
/// <param name="Expires">When it lapses.</param>
/// <param name="Signature">What checking the approver's signature found.</param>
public sealed record Waiver(string Guardrail, string? Slice, string Model, string Versions, string Reason, string Ticket, string Approver, DateTimeOffset Issued, DateTimeOffset Expires, SignatureStatus Signature);
