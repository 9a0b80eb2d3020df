namespace PolicyEngine;

/// <summary>
/// The evaluation report covers the benchmark stack: the candidate has results on every layer in
/// <see cref="Layers"/> — by default all four of academic, production-like offline, adversarial and business
/// slices — so an averaged score cannot hide a layer nobody ran. Typically declared for <see cref="Stages.Full"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class BenchmarkCoverageAttribute : GuardrailDeclarationAttribute
{
    /// <summary>The layers required; default: <see cref="BenchmarkLayer.Academic"/>, <see cref="BenchmarkLayer.ProductionOffline"/>, <see cref="BenchmarkLayer.Adversarial"/>, <see cref="BenchmarkLayer.Business"/>.</summary>
    public BenchmarkLayer[] Layers { get; set; } = [BenchmarkLayer.Academic, BenchmarkLayer.ProductionOffline, BenchmarkLayer.Adversarial, BenchmarkLayer.Business];
}
