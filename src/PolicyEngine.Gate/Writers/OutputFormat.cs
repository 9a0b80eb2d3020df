namespace PolicyEngine.Gate.Writers;

/// <summary>The formats a gate run's result can be written in.</summary>
public enum OutputFormat
{
    /// <summary>A readable table for a terminal.</summary>
    Text,

    /// <summary>The decision record itself.</summary>
    Json,

    /// <summary>A Markdown summary with a table of findings, for a PR comment or a CI step summary.</summary>
    Markdown,

    /// <summary>JUnit XML, one test case per finding, for CI test reports.</summary>
    Junit,

    /// <summary>SARIF 2.1.0, one result per finding, for code-scanning views.</summary>
    Sarif,
}
