using FluentValidation;
using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Inputs.EvaluationReports;

/// <summary>What an evaluation report must satisfy beyond being JSON of the right shape.</summary>
public sealed class EvaluationReportValidator : InputValidator<EvaluationReportDocument>
{
    /// <summary>Creates the validator.</summary>
    public EvaluationReportValidator()
    {
        RuleFor(d => d.Results).NotNull().WithMessage("is missing; expected an array of results")
            .Must(r => r!.Count > 0).WithMessage("is empty; expected at least one result").When(d => d.Results is not null, ApplyConditionTo.CurrentValidator);
        RuleForEach(d => d.Results).SetValidator(new ResultValidator());
        RuleForEach(d => d.Results)
            .Must((d, r) => d.Results!.Count(o => Key(o) == Key(r)) == 1)
            .WithMessage((_, r) => $"repeats {r.Metric} of the {r.Role} on layer {r.Layer}, slice '{r.Slice ?? Slices.All}'; expected one value per role, layer, slice and metric")
            .When(d => d.Results is not null, ApplyConditionTo.CurrentValidator);
    }

    /// <summary>The quality metrics guardrails judge, each a fraction of answers: 50 is a percentage written by mistake, not a score.</summary>
    public static IReadOnlySet<string> Fractions { get; } = new HashSet<string>(StringComparer.Ordinal) { "accuracy", "task_success", "hallucination_rate", "calibration_error" };

    private static string Key(EvaluationResultDocument r) => $"{r.Role}|{r.Layer}|{r.Slice ?? Slices.All}|{r.Metric}";

    private sealed class ResultValidator : InputValidator<EvaluationResultDocument>
    {
        public ResultValidator()
        {
            RuleFor(r => r.Role).Must(Names.Roles.ContainsKey!).WithMessage(r => $"got '{r.Role}'; expected {Names.OneOf(Names.Roles)}");
            RuleFor(r => r.Layer).Must(Names.Layers.ContainsKey!).WithMessage(r => $"got '{r.Layer}'; expected {Names.OneOf(Names.Layers)}");
            RuleFor(r => r.Metric).NotEmpty().WithMessage("is missing; expected a metric name such as accuracy");
            RuleFor(r => r.Slice).NotEmpty().When(r => r.Slice is not null, ApplyConditionTo.CurrentValidator).WithMessage("is empty; expected a slice name, or leave it out for all");
            RuleFor(r => r.Value).NotNull().WithMessage("is missing; expected a finite number")
                .Must(v => double.IsFinite(v!.Value)).When(r => r.Value is not null, ApplyConditionTo.CurrentValidator).WithMessage(r => $"got {r.Value}; expected a finite number");
            RuleFor(r => r.Value).Must(v => v is >= 0 and <= 1)
                .When(r => r.Value is { } v && double.IsFinite(v) && Fractions.Contains(r.Metric ?? ""), ApplyConditionTo.CurrentValidator)
                .WithMessage(r => $"got {r.Value} for {r.Metric}; expected a fraction from 0 to 1 (0.9, not 90)");
            RuleFor(r => r.Samples).GreaterThanOrEqualTo(0).When(r => r.Samples is not null, ApplyConditionTo.CurrentValidator).WithMessage(r => $"got {r.Samples}; expected zero or more");
        }
    }
}
