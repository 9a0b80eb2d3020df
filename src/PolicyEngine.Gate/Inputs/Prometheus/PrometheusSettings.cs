using System.Text.Json.Serialization;
using FluentValidation;

namespace PolicyEngine.Gate.Inputs.Prometheus;

/// <summary>
/// Where canary telemetry comes from when it is not a file: a Prometheus-compatible HTTP API (Prometheus,
/// Thanos, Mimir) and one PromQL template per figure (docs/schemas/prometheus.schema.json, docs/canary.md).
/// </summary>
public sealed class PrometheusSettings
{
    /// <summary>The schema the file declares; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>The API's base address, e.g. http://prometheus:9090 (the queries go to /api/v1/query).</summary>
    public string? Url { get; set; }

    /// <summary>Label matchers every template can splice in as <c>{selector}</c>, e.g. <c>app="support"</c>.</summary>
    public string? Selector { get; set; }

    /// <summary>The slices to query; <c>all</c> is the whole of a role's traffic.</summary>
    public List<string>? Slices { get; set; }

    /// <summary>
    /// PromQL per figure, with placeholders {role}, {slice}, {selector}, {model} and, for latency and ttft,
    /// {quantile}. Figures: requests (required), errors, labeled, correct, hallucinated, input_tokens,
    /// output_tokens, cost_usd, latency_sum_ms, latency, ttft.
    /// </summary>
    public Dictionary<string, string>? Queries { get; set; }

    /// <summary>
    /// PromQL per sampled distribution (<c>latency</c>, <c>ttft</c>), run as a range query over the last
    /// <see cref="RangeSeconds"/> at <see cref="StepSeconds"/>: each step's value is one sample for a distribution
    /// rollback threshold (docs/canary.md). Same placeholders as <see cref="Queries"/>, without {quantile}.
    /// </summary>
    public Dictionary<string, string>? Samples { get; set; }

    /// <summary>How far back a sample range query reaches, in seconds. Defaults to 600.</summary>
    public int RangeSeconds { get; set; } = 600;

    /// <summary>The step of a sample range query, in seconds. Defaults to 15.</summary>
    public int StepSeconds { get; set; } = 15;

    /// <summary>The distributions a sample template may be given for.</summary>
    public static IReadOnlyList<string> SampledFigures { get; } = ["latency", "ttft"];

    /// <summary>The figures a template may be given for.</summary>
    public static IReadOnlyList<string> Figures { get; } =
        ["requests", "errors", "labeled", "correct", "hallucinated", "input_tokens", "output_tokens", "cost_usd", "latency_sum_ms", "latency", "ttft"];
}

/// <summary>What Prometheus settings must hold before a query is sent.</summary>
public sealed class PrometheusSettingsValidator : InputValidator<PrometheusSettings>
{
    /// <summary>Creates the validator.</summary>
    public PrometheusSettingsValidator()
    {
        RuleFor(s => s.Url).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage(s => $"got '{s.Url}'; expected the API's http(s) address, e.g. http://prometheus:9090 (--prometheus)");
        RuleFor(s => s.Queries).NotNull().WithMessage("is missing; expected a PromQL template per figure, at least requests");
        RuleFor(s => s.Queries!).Must(q => q.ContainsKey("requests")).When(s => s.Queries is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("has no 'requests' query; the request count is what every figure is judged on");
        RuleForEach(s => s.Queries!.Keys).Must(PrometheusSettings.Figures.Contains).When(s => s.Queries is not null, ApplyConditionTo.CurrentValidator)
            .OverridePropertyName("queries").WithMessage((_, key) => $"'{key}' is not a figure; expected one of {string.Join(", ", PrometheusSettings.Figures)}");
        RuleForEach(s => s.Slices).NotEmpty().WithMessage("holds an empty slice name");
        RuleForEach(s => s.Samples!.Keys).Must(PrometheusSettings.SampledFigures.Contains).When(s => s.Samples is not null, ApplyConditionTo.CurrentValidator)
            .OverridePropertyName("samples").WithMessage((_, key) => $"'{key}' is not a sampled distribution; expected one of {string.Join(", ", PrometheusSettings.SampledFigures)}");
        RuleFor(s => s.RangeSeconds).GreaterThan(0).WithMessage(s => $"got {s.RangeSeconds}; expected seconds greater than 0");
        RuleFor(s => s.StepSeconds).GreaterThan(0).WithMessage(s => $"got {s.StepSeconds}; expected seconds greater than 0");
        RuleFor(s => s.StepSeconds).LessThanOrEqualTo(s => s.RangeSeconds).WithMessage(s => $"got {s.StepSeconds}; expected at most rangeSeconds ({s.RangeSeconds})");
    }
}
