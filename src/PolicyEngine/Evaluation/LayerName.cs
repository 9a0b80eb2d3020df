namespace PolicyEngine.Evaluation;

/// <summary>A benchmark layer as evaluation reports and messages spell it: <c>production-offline</c>, <c>live</c>.</summary>
internal static class LayerName
{
    public static string Of(BenchmarkLayer layer) => layer switch
    {
        BenchmarkLayer.ProductionOffline => "production-offline",
        _ => layer.ToString().ToLowerInvariant(),
    };
}
