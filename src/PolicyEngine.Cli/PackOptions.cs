using System.CommandLine;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Packs;

namespace PolicyEngine.Cli;

/// <summary>
/// Where a command's policy pack comes from: <c>--policy</c>, a built guardrail assembly; <c>--standard</c>, the
/// bundled standard AI-rollout pack; or <c>--sample</c>, the bundled sample pack.
/// </summary>
public sealed class PackOptions
{
    /// <summary>--policy.</summary>
    public Option<FileInfo?> Policy { get; } = new("--policy") { Description = "The built guardrail assembly (.dll) whose pack to use." };

    /// <summary>--sample.</summary>
    public Option<bool> Sample { get; } = new("--sample")
    {
        Description = "Use the bundled sample pack (rules/PolicyEngine.Rules.Sample); gate also takes the samples/ inputs, each replaceable by its option.",
    };

    /// <summary>--standard.</summary>
    public Option<bool> Standard { get; } = new("--standard")
    {
        Description = "Use the bundled standard AI-rollout pack (rules/PolicyEngine.Rules.Standard, docs/standard-pack.md): the framework's scorecard and what each lever must show.",
    };

    /// <summary>The three, to add to a command.</summary>
    public IEnumerable<Option> All => [Policy, Standard, Sample];

    /// <summary>Whether the sample was chosen.</summary>
    public bool IsSample(ParseResult parse) => parse.GetValue(Sample);

    /// <summary>The usage problem with the choice, or null: exactly one of --policy, --standard and --sample.</summary>
    public string? Problem(ParseResult parse) =>
        ((parse.GetValue(Policy) is not null ? 1 : 0) + (parse.GetValue(Standard) ? 1 : 0) + (parse.GetValue(Sample) ? 1 : 0)) switch
        {
            0 => "say which policy to use: --policy <guardrails.dll>, --standard or --sample",
            1 => null,
            _ => "--policy, --standard and --sample exclude each other; give one",
        };

    /// <summary>The pack, or an <see cref="InputException"/> naming what is wrong with the assembly.</summary>
    public PolicyPack Load(ParseResult parse) =>
        parse.GetValue(Sample) ? PolicyEngine.Rules.Sample.GuardrailPack.Instance
        : parse.GetValue(Standard) ? PolicyEngine.Rules.Standard.GuardrailPack.Instance
        : PolicyPackLoader.Load(parse.GetValue(Policy)!.ToString());
}
