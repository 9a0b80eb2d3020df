using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PolicyEngine.TestSupport;

/// <summary>
/// The analyzer options a real build hands the generator: only <c>build_property.projectdir</c> and, where the package's
/// build targets found a repository, <c>build_property.PolicyEngineSourceRoot</c> matter to it.
/// </summary>
internal sealed class ProjectDirectoryOptions(string projectDirectory, string? sourceRoot = null) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(projectDirectory, sourceRoot);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

    private sealed class Options(string projectDirectory, string? sourceRoot) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            // Keys are case-insensitive, as in a real build's .editorconfig.
            value = KeyComparer.Equals(key, "build_property.projectdir") ? projectDirectory
                : KeyComparer.Equals(key, "build_property.PolicyEngineSourceRoot") ? sourceRoot
                : null;
            return value is not null;
        }
    }
}
