using System.Text.Json.Serialization;
using FluentValidation;
using PolicyEngine.Gate.Inputs;

namespace PolicyEngine.Gate.Advising;

/// <summary>
/// The options <c>policyengine advise</c> weighs (docs/schemas/advise-options.schema.json): each a lever with its
/// telemetry and evaluation report against the current model, and its cost figures; plus what the business runs on
/// (queries a month, what a correct answer is worth) and the targets (docs/advise.md).
/// </summary>
public sealed class OptionsFile
{
    /// <summary>The schema the file declares; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>Queries a month the service answers.</summary>
    public double? MonthlyQueries { get; set; }

    /// <summary>What one more correct answer is worth, in USD.</summary>
    public double? ValuePerCorrectAnswerUsd { get; set; }

    /// <summary>The months the options are weighed over (one-time costs spread across them). Default 12.</summary>
    public int? HorizonMonths { get; set; }

    /// <summary>The P95 latency budget, ms. Default 500.</summary>
    public double? P95BudgetMs { get; set; }

    /// <summary>The most a correct answer may cost to serve, USD; unset: no ceiling.</summary>
    public double? MaxUsdPerCorrectAnswer { get; set; }

    /// <summary>The options: two or more.</summary>
    public List<OptionDocument>? Options { get; set; }

    /// <summary>Reads and checks the file; option paths are relative to it.</summary>
    /// <exception cref="InputException">The file is missing or invalid.</exception>
    public static (OptionsFile Document, InputFile File) Load(string path)
    {
        var (document, sha) = JsonInput.Read(path, new Validator());
        return (document, new InputFile("advise-options", path, sha, document.Options!.Count));
    }

    private sealed class Validator : InputValidator<OptionsFile>
    {
        public Validator()
        {
            RuleFor(d => d.MonthlyQueries).NotNull().WithMessage("is missing; expected the queries a month the service answers")
                .GreaterThan(0).WithMessage("must be greater than 0").Must(Finite).WithMessage("must be a finite number");
            RuleFor(d => d.ValuePerCorrectAnswerUsd).NotNull().WithMessage("is missing; expected what one more correct answer is worth, in USD")
                .GreaterThanOrEqualTo(0).WithMessage("must be 0 or more").Must(Finite).WithMessage("must be a finite number");
            RuleFor(d => d.HorizonMonths).InclusiveBetween(1, 120).WithMessage("must be 1 to 120 months");
            RuleFor(d => d.P95BudgetMs).GreaterThan(0).WithMessage("must be greater than 0").Must(Finite).WithMessage("must be a finite number");
            RuleFor(d => d.MaxUsdPerCorrectAnswer).GreaterThan(0).WithMessage("must be greater than 0").Must(Finite).WithMessage("must be a finite number");
            RuleFor(d => d.Options).NotNull().WithMessage("is missing; expected two or more options")
                .Must(o => o is null || o.Count >= 2).WithMessage("holds fewer than two options; advise weighs options against each other")
                .Must(o => o is null || o.Select(x => x.Name).Distinct(StringComparer.Ordinal).Count() == o.Count).WithMessage("names an option twice; each needs its own name");
            RuleForEach(d => d.Options).ChildRules(o =>
            {
                o.RuleFor(x => x.Name).NotEmpty().WithMessage("is missing; expected the option's name");
                o.RuleFor(x => x.Lever).NotEmpty().WithMessage("is missing; expected scale, architecture, data-curation or hybrid")
                    .Must(l => l is null || Names.Levers.ContainsKey(l)).WithMessage("is not a lever; expected scale, architecture, data-curation or hybrid");
                o.RuleFor(x => x.Telemetry).NotEmpty().WithMessage("is missing; expected the option's request telemetry (candidate rows: the option; baseline rows: the current model)");
                o.RuleFor(x => x.EvaluationReport).NotEmpty().WithMessage("is missing; expected the option's evaluation report (candidate and baseline results)");
                o.RuleFor(x => x.OneTimeUsd).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more").Must(Finite).WithMessage("must be a finite number");
                o.RuleFor(x => x.MonthlyOtherUsd).GreaterThanOrEqualTo(0).WithMessage("must be 0 or more").Must(Finite).WithMessage("must be a finite number");
            });
        }

        private static bool Finite(double? value) => value is null || double.IsFinite(value.Value);
    }
}

/// <summary>One option as written.</summary>
public sealed class OptionDocument
{
    /// <summary>Its name.</summary>
    public string? Name { get; set; }

    /// <summary>The lever it pulls: scale, architecture, data-curation or hybrid.</summary>
    public string? Lever { get; set; }

    /// <summary>The model; a telemetry file's candidate rows and the report must be about it when given.</summary>
    public string? Model { get; set; }

    /// <summary>The version; the report must be about it when given.</summary>
    public string? Version { get; set; }

    /// <summary>Request telemetry: candidate rows are the option, baseline rows the current model.</summary>
    public string? Telemetry { get; set; }

    /// <summary>The evaluation report: candidate and baseline results.</summary>
    public string? EvaluationReport { get; set; }

    /// <summary>One-time costs, USD: training, integration, data acquisition and annotation, evaluation.</summary>
    public double? OneTimeUsd { get; set; }

    /// <summary>Monthly costs besides inference, USD: storage, label upkeep, human review, observability, retraining.</summary>
    public double? MonthlyOtherUsd { get; set; }
}
