using FluentValidation;

namespace PolicyEngine.Gate.Inputs.Rollouts;

/// <summary>What a rollout context must satisfy, from a file, from options, or both.</summary>
public sealed class RolloutValidator : InputValidator<RolloutDocument>
{
    /// <summary>Creates the validator.</summary>
    public RolloutValidator()
    {
        RuleFor(d => d.Model).NotEmpty().WithMessage("is missing; expected the candidate model's name (--model)");
        RuleFor(d => d.Version).NotEmpty().WithMessage("is missing; expected the candidate model's version (--model-version)");
        RuleFor(d => d.Lever).NotEmpty().WithMessage($"is missing; expected {Names.OneOf(Names.Levers)} (--lever)")
            .Must(l => Names.Levers.ContainsKey(l!)).When(d => !string.IsNullOrEmpty(d.Lever), ApplyConditionTo.CurrentValidator).WithMessage(d => $"got '{d.Lever}'; expected {Names.OneOf(Names.Levers)}");
        RuleFor(d => d.Stage).NotEmpty().WithMessage($"is missing; expected {Names.OneOf(Names.Stages)} (--stage)")
            .Must(s => Names.Stages.ContainsKey(s!)).When(d => !string.IsNullOrEmpty(d.Stage), ApplyConditionTo.CurrentValidator).WithMessage(d => $"got '{d.Stage}'; expected {Names.OneOf(Names.Stages)}");
    }
}
