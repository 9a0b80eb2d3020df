using System.Text.Json.Serialization;
using FluentValidation;

namespace PolicyEngine.Gate.Inputs;

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
    }
}
