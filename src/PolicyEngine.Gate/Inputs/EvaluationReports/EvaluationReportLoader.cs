using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Inputs.EvaluationReports;

/// <summary>Loads an offline evaluation report into <see cref="QualityMetric"/> facts.</summary>
public static class EvaluationReportLoader
{
    private static readonly EvaluationReportValidator Validator = new();

    /// <summary>Loads the report.</summary>
    /// <param name="path">The report file.</param>
    /// <param name="model">The release's model; a report about another is refused. Null checks nothing.</param>
    /// <param name="version">The release's version; a report about another is refused. Null checks nothing.</param>
    /// <exception cref="InputException">The file is missing or invalid, or about another release.</exception>
    public static (IReadOnlyList<QualityMetric> Metrics, InputFile File) Load(string path, string? model, string? version)
    {
        var (document, sha) = JsonInput.Read(path, Validator);
        if (model is not null && document.Model is not null && document.Model != model)
        {
            throw new InputException(path, "model", $"got '{document.Model}'; the release is '{model}'");
        }

        if (version is not null && document.Version is not null && document.Version != version)
        {
            throw new InputException(path, "version", $"got '{document.Version}'; the release is version '{version}'");
        }

        var metrics = document.Results!
            .Select(r => new QualityMetric(Names.Roles[r.Role!], Names.Layers[r.Layer!], r.Slice ?? Slices.All, r.Metric!, r.Value!.Value, r.Samples))
            .ToList();
        return (metrics, new InputFile("evaluation-report", path, sha, metrics.Count));
    }
}
