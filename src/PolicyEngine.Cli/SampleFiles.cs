namespace PolicyEngine.Cli;

/// <summary>The bundled sample inputs, copied next to the executable from the repository's samples/ folder.</summary>
public static class SampleFiles
{
    /// <summary>The folder holding them.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "samples");

    /// <summary>The sample release: support-assistant 2.1.0 in canary, judged as of a fixed time so the sample never ages.</summary>
    public static string Rollout => Path.Combine(Directory, "rollout.json");

    /// <summary>Request telemetry of candidate and baseline.</summary>
    public static string Telemetry => Path.Combine(Directory, "telemetry.csv");

    /// <summary>The offline evaluation report.</summary>
    public static string EvaluationReport => Path.Combine(Directory, "evaluation-report.json");

    /// <summary>Signed governance evidence.</summary>
    public static string Evidence => Path.Combine(Directory, "evidence.json");

    /// <summary>The keys trusted to sign the sample evidence.</summary>
    public static string Trust => Path.Combine(Directory, "trust.json");
}
