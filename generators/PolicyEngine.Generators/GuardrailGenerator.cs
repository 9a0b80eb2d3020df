using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PolicyEngine.Generators
{
    /// <summary>
    /// Compiles [GuardrailPolicy] classes into NRules rules, guardrail descriptors, a pack that lists every rule,
    /// a fingerprint and rule docs. Source and diagnostics flow in separate pipelines.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class GuardrailGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var parsed = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "PolicyEngine.GuardrailPolicyAttribute",
                    static (node, _) => node is ClassDeclarationSyntax,
                    Parser.Parse)
                .WithTrackingName(TrackingNames.Parse);

            var policies = parsed
                .Where(static r => r.Policy is not null)
                .Select(static (r, _) => r.Policy!)
                .WithTrackingName(TrackingNames.Policy);

            var diagnostics = parsed
                .Select(static (r, _) => r.Diagnostics)
                .WithTrackingName(TrackingNames.Diagnostics);

            // Source paths in descriptors, rule docs and SARIF are relative to the repository root the package's build
            // targets find (PolicyEngineSourceRoot), so code scanning places them; outside a repository, to the project.
            var projectDirectory = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => SourceRoot(options.GlobalOptions))
                .WithTrackingName(TrackingNames.SourceRoot);

            var assemblyName = context.CompilationProvider
                .Select(static (compilation, _) => compilation.AssemblyName ?? "Guardrails")
                .WithTrackingName(TrackingNames.AssemblyName);

            context.RegisterSourceOutput(diagnostics, static (spc, items) =>
            {
                foreach (var item in items)
                {
                    spc.ReportDiagnostic(item.ToDiagnostic());
                }
            });

            var stubs = parsed
                .Select(static (r, _) => r.Stubs)
                .Where(static s => s is not null)
                .WithTrackingName(TrackingNames.Stubs);
            context.RegisterSourceOutput(stubs, static (spc, stub) => spc.AddSource(stub!.HintName, Emitter.StubSource(stub)));

            // A guardrail attribute anywhere but on a member of a top-level policy class would never run (PE0016).
            foreach (var attribute in Parser.GuardrailAttributes)
            {
                var orphans = context.SyntaxProvider
                    .ForAttributeWithMetadataName(attribute, static (node, _) => node is PropertyDeclarationSyntax or MethodDeclarationSyntax, Parser.Orphan)
                    .Where(static r => r.Diagnostics.Count > 0)
                    .WithTrackingName(TrackingNames.Orphans);
                context.RegisterSourceOutput(orphans, static (spc, orphan) =>
                {
                    foreach (var item in orphan.Diagnostics)
                    {
                        spc.ReportDiagnostic(item.ToDiagnostic());
                    }

                    if (orphan.Stubs is { } stub)
                    {
                        spc.AddSource(stub.HintName, Emitter.StubSource(stub));
                    }
                });
            }

            context.RegisterSourceOutput(policies.Combine(projectDirectory), static (spc, input) =>
                spc.AddSource($"{input.Left.FullClassName.Substring("global::".Length)}.g.cs", Emitter.PolicySource(input.Left, input.Right)));

            var pack = policies.Collect()
                .Combine(assemblyName)
                .Combine(projectDirectory)
                .WithTrackingName(TrackingNames.Pack);

            context.RegisterSourceOutput(pack, static (spc, input) =>
            {
                var ((all, name), directory) = input;
                if (all.IsEmpty)
                {
                    return;
                }

                foreach (var duplicate in PackEmitter.CrossPolicyDuplicates(all))
                {
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateId, duplicate.Location.ToLocation(), duplicate.Id));
                }

                foreach (var conflict in PackEmitter.ConflictingCalibrationBins(all))
                {
                    // A pack computes calibration one way for all its guardrails.
                    var first = all.Where(p => p.CalibrationBins > 0).OrderBy(p => p.Name, System.StringComparer.Ordinal).ThenBy(p => p.FullClassName, System.StringComparer.Ordinal).First();
                    var at = conflict.Guardrails.Count > 0 ? conflict.Guardrails[0].Location.ToLocation() : Location.None;
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidCalibrationBins, at, conflict.Name,
                        $"sets CalibrationBins = {conflict.CalibrationBins}, but policy '{first.Name}' of the same pack sets {first.CalibrationBins}; a pack computes calibration error one way: set the same number"));
                }

                spc.AddSource("GuardrailPack.g.cs", PackEmitter.Source(all, name, directory));
            });
        }

        private static string SourceRoot(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options) =>
            options.TryGetValue("build_property.PolicyEngineSourceRoot", out var root) && root.Trim().Length > 0 ? root.Trim()
            : options.TryGetValue("build_property.projectdir", out var project) ? project
            : "";
    }
}
