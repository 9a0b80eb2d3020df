using Microsoft.CodeAnalysis;

namespace PolicyEngine.Generators.Model
{
    /// <summary>A diagnostic to report. It keeps the real <see cref="Location"/> so that pragmas suppress it; it travels only in the diagnostics pipeline.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location Location, EquatableArray<string> Arguments)
    {
        public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object>(Arguments.Items)));
    }
}
