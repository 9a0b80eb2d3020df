namespace PolicyEngine.Gate.Inputs;

/// <summary>The spellings input files use for roles, layers, levers and stages (lower case, words joined by hyphens).</summary>
public static class Names
{
    /// <summary>Roles by name.</summary>
    public static IReadOnlyDictionary<string, Role> Roles { get; } = new Dictionary<string, Role>
    {
        ["candidate"] = Role.Candidate,
        ["baseline"] = Role.Baseline,
    };

    /// <summary>Benchmark layers by name.</summary>
    public static IReadOnlyDictionary<string, BenchmarkLayer> Layers { get; } = new Dictionary<string, BenchmarkLayer>
    {
        ["academic"] = BenchmarkLayer.Academic,
        ["production-offline"] = BenchmarkLayer.ProductionOffline,
        ["adversarial"] = BenchmarkLayer.Adversarial,
        ["business"] = BenchmarkLayer.Business,
    };

    /// <summary>Levers by name.</summary>
    public static IReadOnlyDictionary<string, Lever> Levers { get; } = new Dictionary<string, Lever>
    {
        ["scale"] = Lever.Scale,
        ["architecture"] = Lever.Architecture,
        ["data-curation"] = Lever.DataCuration,
        ["hybrid"] = Lever.Hybrid,
    };

    /// <summary>Stages by name.</summary>
    public static IReadOnlyDictionary<string, Stages> Stages { get; } = new Dictionary<string, Stages>
    {
        ["offline"] = PolicyEngine.Stages.Offline,
        ["canary"] = PolicyEngine.Stages.Canary,
        ["full"] = PolicyEngine.Stages.Full,
    };

    /// <summary>The role a name spells: the one place a role is parsed. Callers have checked the name; another is a bug, not bad input.</summary>
    public static Role RoleOf(string name) => Roles.TryGetValue(name, out var role) ? role : throw new ArgumentException($"'{name}' is not a role; expected {OneOf(Roles)}", nameof(name));

    /// <summary>"a, b or c", for messages.</summary>
    public static string OneOf<T>(IReadOnlyDictionary<string, T> names)
    {
        var keys = names.Keys.ToList();
        return keys.Count == 1 ? keys[0] : $"{string.Join(", ", keys.Take(keys.Count - 1))} or {keys[^1]}";
    }
}
