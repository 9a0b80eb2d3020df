namespace PolicyEngine.Gate.Inputs.EvaluationReports;

/// <summary>An offline evaluation report as written on disk (docs/schemas/evaluation-report.schema.json).</summary>
public sealed class EvaluationReportDocument
{
    /// <summary>The schema the file declares; ignored.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>The candidate model the report is about; when given it must be the release's model.</summary>
    public string? Model { get; set; }

    /// <summary>The candidate version the report is about; when given it must be the release's version.</summary>
    public string? Version { get; set; }

    /// <summary>One value per role, layer, slice and metric.</summary>
    public List<EvaluationResultDocument>? Results { get; set; }
}

/// <summary>One metric value of one role on one benchmark layer and slice.</summary>
public sealed class EvaluationResultDocument
{
    /// <summary>candidate or baseline.</summary>
    public string? Role { get; set; }

    /// <summary>academic, production-offline, adversarial or business.</summary>
    public string? Layer { get; set; }

    /// <summary>The slice; <c>all</c> when absent.</summary>
    public string? Slice { get; set; }

    /// <summary>The metric, e.g. accuracy.</summary>
    public string? Metric { get; set; }

    /// <summary>The value.</summary>
    public double? Value { get; set; }

    /// <summary>How many examples the value rests on.</summary>
    public long? Samples { get; set; }
}
