using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PolicyEngine.TestSupport;

/// <summary>The analyzer options a real build hands the generator: only <c>build_property.projectdir</c> matters to it.</summary>
internal sealed class ProjectDirectoryOptions(string projectDirectory) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(projectDirectory);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

    private sealed class Options(string projectDirectory) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            value = key == "build_property.projectdir" ? projectDirectory : null;
            return value is not null;
        }
    }
}
