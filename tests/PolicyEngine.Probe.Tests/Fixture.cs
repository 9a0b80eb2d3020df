namespace PolicyEngine.Probe.Tests;

/// <summary>The committed ONNX fixtures (Fixtures/make_fixtures.py) and scratch files.</summary>
internal static class Fixture
{
    public static string Classifier => Path.Combine(AppContext.BaseDirectory, "Fixtures", "classifier.onnx");

    public static string Perturbed => Path.Combine(AppContext.BaseDirectory, "Fixtures", "classifier-perturbed.onnx");

    public static string Sequence => Path.Combine(AppContext.BaseDirectory, "Fixtures", "sequence.onnx");

    public static string Scratch(string name, string content)
    {
        var directory = Path.Combine(Path.GetTempPath(), "policyengine-probe-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, content);
        return path;
    }

    public static ProbeSettings Settings(string? model = null) => new()
    {
        ModelPath = model ?? Classifier,
        Provider = ProbeProvider.Cpu,
        BatchSizes = [1, 8],
        Warmup = 3,
        Iterations = 40,
    };
}
