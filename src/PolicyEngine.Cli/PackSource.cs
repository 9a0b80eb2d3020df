using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Packs;

namespace PolicyEngine.Cli;

/// <summary>Where a command's policy pack comes from: a built guardrail assembly, or the bundled sample pack.</summary>
public sealed class PackSource
{
    /// <summary>The pack, or an <see cref="InputException"/> naming what is wrong with the assembly.</summary>
    public PolicyPack Load(FileInfo? policy, bool sample) =>
        sample ? PolicyEngine.Rules.Sample.GuardrailPack.Instance : PolicyPackLoader.Load(policy!.ToString());

    /// <summary>The usage problem with the choice, or null: exactly one of --policy and --sample.</summary>
    public static string? Problem(FileInfo? policy, bool sample) => (policy, sample) switch
    {
        (null, false) => "say which policy to use: --policy <guardrails.dll> or --sample",
        (not null, true) => "--policy and --sample exclude each other; give one",
        _ => null,
    };
}
