using FluentValidation;

namespace PolicyEngine.Gate.Inputs.ProbeResults;

/// <summary>What a probe result must satisfy before its measurements become facts.</summary>
public sealed class ProbeResultValidator : InputValidator<ProbeResultDocument>
{
    private static readonly string[] Providers = ["cpu", "cuda", "tensorrt"];

    /// <summary>Creates the validator.</summary>
    public ProbeResultValidator()
    {
        RuleFor(d => d.ProviderUsed).Must(p => Providers.Contains(p)).WithMessage(d => $"got '{d.ProviderUsed}'; expected cpu, cuda or tensorrt");
        RuleFor(d => d.Complete).NotNull().WithMessage("is missing; expected true or false");
        RuleFor(d => d.Measurements).NotNull().WithMessage("is missing; expected one measurement per batch size");
        RuleForEach(d => d.Measurements).ChildRules(m =>
        {
            m.RuleFor(x => x.BatchSize).NotNull().GreaterThan(0).WithMessage(x => $"got {x.BatchSize}; expected a batch size of 1 or more");
            m.RuleFor(x => x.Iterations).NotNull().GreaterThanOrEqualTo(0).WithMessage(x => $"got {x.Iterations}; expected zero or more");
            m.RuleFor(x => x.Complete).NotNull().WithMessage("is missing; expected true or false");
            foreach (var (name, get) in new (string, Func<ProbeMeasurementDocument, double?>)[]
                     {
                         ("p50Ms", x => x.P50Ms), ("p95Ms", x => x.P95Ms), ("p99Ms", x => x.P99Ms), ("throughput", x => x.Throughput),
                     })
            {
                m.RuleFor(x => get(x)).Must(v => v is { } value && double.IsFinite(value) && value >= 0).When(x => x.Complete == true)
                    .OverridePropertyName(name).WithMessage(x => $"got {get(x)?.ToString() ?? "nothing"}; expected a finite number of zero or more");
            }

            m.RuleFor(x => x.UsdPer1kInferences).Must(v => double.IsFinite(v!.Value) && v >= 0).When(x => x.UsdPer1kInferences is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage(x => $"got {x.UsdPer1kInferences}; expected a finite cost of zero or more");
            m.RuleFor(x => x.Agreement).InclusiveBetween(0, 1).When(x => x.Agreement is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage(x => $"got {x.Agreement}; expected a share between 0 and 1");
        });
        RuleForEach(d => d.Measurements).Must((d, m) => d.Measurements!.Count(o => o.BatchSize == m.BatchSize) == 1)
            .WithMessage((_, m) => $"repeats batch size {m.BatchSize}; expected one measurement per batch size").When(d => d.Measurements is not null, ApplyConditionTo.CurrentValidator);
    }
}
