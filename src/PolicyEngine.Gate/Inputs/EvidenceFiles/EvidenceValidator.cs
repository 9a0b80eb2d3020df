using FluentValidation;

namespace PolicyEngine.Gate.Inputs.EvidenceFiles;

/// <summary>What an evidence file must satisfy beyond being JSON of the right shape.</summary>
public sealed class EvidenceValidator : InputValidator<EvidenceDocument>
{
    /// <summary>Creates the validator.</summary>
    public EvidenceValidator()
    {
        RuleFor(d => d.Items).NotNull().WithMessage("is missing; expected an array of evidence items");
        RuleForEach(d => d.Items).SetValidator(new ItemValidator());
    }

    private sealed class ItemValidator : InputValidator<EvidenceItemDocument>
    {
        public ItemValidator()
        {
            RuleFor(i => i.Kind).NotEmpty().WithMessage("is missing; expected what the item evidences, e.g. pii-review");
            RuleFor(i => i.Subject).NotNull().WithMessage("is missing; expected {\"model\": …, \"version\": …}");
            RuleFor(i => i.Subject!.Model).NotEmpty().When(i => i.Subject is not null, ApplyConditionTo.CurrentValidator).WithMessage("is missing; expected the model the evidence is about");
            RuleFor(i => i.Subject!.Version).NotEmpty().When(i => i.Subject is not null, ApplyConditionTo.CurrentValidator).WithMessage("is missing; expected the model version the evidence is about");
            RuleFor(i => i.Issuer).NotEmpty().WithMessage("is missing; expected who issued the evidence");
            RuleFor(i => i.IssuedAt).NotNull().WithMessage("is missing; expected an ISO 8601 date and time, e.g. 2026-11-25T12:00:00Z");
            RuleFor(i => i.ExpiresAt).GreaterThan(i => i.IssuedAt).When(i => i.ExpiresAt is not null && i.IssuedAt is not null)
                .WithMessage(i => $"got {i.ExpiresAt:u}; expected a time after issuedAt ({i.IssuedAt:u})");
            RuleFor(i => i.Digest).NotEmpty().WithMessage("is missing; expected the evidenced artifact's digest, e.g. sha256:…");
            RuleFor(i => i.Signature!.KeyId).NotEmpty().When(i => i.Signature is not null, ApplyConditionTo.CurrentValidator).WithMessage("is missing; expected the id of a key in the trust file");
            RuleFor(i => i.Signature!.Value).NotEmpty().When(i => i.Signature is not null, ApplyConditionTo.CurrentValidator).WithMessage("is missing; expected the base64 signature");
        }
    }
}
