using System.CommandLine;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Packs;

namespace PolicyEngine.Cli;

/// <summary>Where a command's policy pack comes from: <c>--policy</c>, a built guardrail assembly, or <c>--sample</c>, the bundled sample pack.</summary>
public sealed class PackOptions
{
    /// <summary>--policy.</summary>
    public Option<FileInfo?> Policy { get; } = new("--policy") { Description = "The built guardrail assembly (.dll) whose pack to use." };

    /// <summary>--sample.</summary>
    public Option<bool> Sample { get; } = new("--sample")
    {
        Description = "Use the bundled sample pack (rules/PolicyEngine.Rules.Sample); gate also takes the samples/ inputs, each replaceable by its option.",
    };

    /// <summary>Both, to add to a command.</summary>
    public IEnumerable<Option> All => [Policy, Sample];

    /// <summary>Whether the sample was chosen.</summary>
    public bool IsSample(ParseResult parse) => parse.GetValue(Sample);

    /// <summary>The usage problem with the choice, or null: exactly one of --policy and --sample.</summary>
    public string? Problem(ParseResult parse) => (parse.GetValue(Policy), parse.GetValue(Sample)) switch
    {
        (null, false) => "say which policy to use: --policy <guardrails.dll> or --sample",
        (not null, true) => "--policy and --sample exclude each other; give one",
        _ => null,
    };

    /// <summary>The pack, or an <see cref="InputException"/> naming what is wrong with the assembly.</summary>
    public PolicyPack Load(ParseResult parse) =>
        parse.GetValue(Sample) ? PolicyEngine.Rules.Sample.GuardrailPack.Instance : PolicyPackLoader.Load(parse.GetValue(Policy)!.ToString());
}
