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
    /// PromQL per figure, with placeholders {role}, {slice}, {selector}, {model}, {window} (in a watch, or a gate
    /// given the canary's start, the time since it, e.g. <c>900s</c>; else <see cref="RangeSeconds"/>) and, for
    /// latency and ttft, {quantile}. Figures: requests (required), errors, labeled, correct, hallucinated,
    /// input_tokens, output_tokens, cost_usd, gpu_seconds, latency_sum_ms, latency, ttft.
    /// </summary>
    public Dictionary<string, string>? Queries { get; set; }

    /// <summary>
    /// PromQL per sampled measure (<c>latency</c>, <c>ttft</c>, <c>cost_usd</c>), run as a range query over the last
    /// <see cref="RangeSeconds"/> at <see cref="StepSeconds"/>: each step's value is one sample for a distribution
    /// rollback threshold or a sequential one (<c>cost_usd</c>: a step's cost per request, docs/canary.md). Same placeholders as <see cref="Queries"/>, without {quantile}.
    /// </summary>
    public Dictionary<string, string>? Samples { get; set; }

    /// <summary>How far back a sample range query reaches, in seconds (in a watch, or a gate given the canary's start, at least back to it), and {window} without a start. Defaults to 600.</summary>
    public int RangeSeconds { get; set; } = 600;

    /// <summary>The step of a sample range query, in seconds. Defaults to 15.</summary>
    public int StepSeconds { get; set; } = 15;

    /// <summary>A file holding the bearer token sent as <c>Authorization: Bearer</c>, read at each measurement (so a rotated token is picked up).</summary>
    public string? BearerTokenFile { get; set; }

    /// <summary>HTTP basic authentication; the password is read from a file, never written in the settings.</summary>
    public PrometheusBasicAuth? BasicAuth { get; set; }

    /// <summary>Headers sent with every query, e.g. <c>X-Scope-OrgID</c> for a Mimir or Cortex tenant.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>A PEM file of the certificate authorities an https server's certificate must chain to, instead of the system's.</summary>
    public string? CaFile { get; set; }

    /// <summary>How many times a query that failed transiently (network, 5xx, 408, 429) is sent again, with exponential backoff and jitter. Defaults to 3.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>How long one attempt of one query may take, in seconds. Defaults to 15.</summary>
    public double TimeoutSeconds { get; set; } = 15;

    /// <summary>How long all the queries of one measurement may take, retries included, in seconds; unset: the gate's deadline alone.</summary>
    public double? DeadlineSeconds { get; set; }

    /// <summary>How many queries are in flight at once. Defaults to 8.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>The measures a sample template may be given for.</summary>
    public static IReadOnlyList<string> SampledFigures { get; } = ["latency", "ttft", "cost_usd"];

    /// <summary>The sample template's key for <paramref name="metric"/>.</summary>
    public static string SampledFigure(SampledMetric metric) => metric switch
    {
        SampledMetric.Latency => "latency",
        SampledMetric.Ttft => "ttft",
        SampledMetric.Cost => "cost_usd",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a sampled metric"),
    };

    /// <summary>The figures a template may be given for.</summary>
    public static IReadOnlyList<string> Figures { get; } =
        ["requests", "errors", "labeled", "correct", "hallucinated", "input_tokens", "output_tokens", "cost_usd", "gpu_seconds", "latency_sum_ms", "latency", "ttft"];
}

/// <summary>HTTP basic authentication for the Prometheus source.</summary>
public sealed class PrometheusBasicAuth
{
    /// <summary>The user name.</summary>
    public string? Username { get; set; }

    /// <summary>A file holding the password (its first line).</summary>
    public string? PasswordFile { get; set; }
}

/// <summary>What Prometheus settings must hold before a query is sent.</summary>
public sealed class PrometheusSettingsValidator : InputValidator<PrometheusSettings>
{
    private static bool IsHeaderName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

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
        RuleFor(s => s.BasicAuth).Null().When(s => s.BearerTokenFile is not null)
            .WithMessage("is given with bearerTokenFile; a query carries one Authorization header: choose one");
        RuleFor(s => s.BasicAuth!.Username).NotEmpty().When(s => s.BasicAuth is not null).OverridePropertyName("basicAuth.username")
            .WithMessage("is missing; expected the user name");
        RuleFor(s => s.BasicAuth!.PasswordFile).NotEmpty().When(s => s.BasicAuth is not null).OverridePropertyName("basicAuth.passwordFile")
            .WithMessage("is missing; expected a file holding the password");
        RuleForEach(s => s.Headers!.Keys).Must(IsHeaderName).When(s => s.Headers is not null, ApplyConditionTo.CurrentValidator).OverridePropertyName("headers")
            .WithMessage((_, key) => $"'{key}' is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
        RuleForEach(s => s.Headers!.Keys).Must(k => !k.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).When(s => s.Headers is not null, ApplyConditionTo.CurrentValidator)
            .OverridePropertyName("headers").WithMessage("must not set Authorization; use bearerTokenFile or basicAuth, which keep the secret out of the settings");
        RuleForEach(s => s.Headers!.Values).Must(v => !v.Any(char.IsControl)).When(s => s.Headers is not null, ApplyConditionTo.CurrentValidator)
            .OverridePropertyName("headers").WithMessage("holds a value with a control character");
        RuleFor(s => s.Retries).InclusiveBetween(0, 10).WithMessage(s => $"got {s.Retries}; expected 0 to 10");
        RuleFor(s => s.TimeoutSeconds).GreaterThan(0).LessThanOrEqualTo(3600).WithMessage(s => $"got {s.TimeoutSeconds}; expected seconds above 0, at most 3600");
        RuleFor(s => s.DeadlineSeconds).GreaterThan(0).LessThanOrEqualTo(86400).When(s => s.DeadlineSeconds is not null).WithMessage(s => $"got {s.DeadlineSeconds}; expected seconds above 0, at most 86400");
        RuleFor(s => s.Parallelism).InclusiveBetween(1, 64).WithMessage(s => $"got {s.Parallelism}; expected 1 to 64");
    }
}
