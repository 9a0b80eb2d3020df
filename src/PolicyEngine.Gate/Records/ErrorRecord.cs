using PolicyEngine.Evaluation;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// Records of runs that decided nothing — verdict error, never a silent gap in the audit trail: the pending
/// record stored before a gate judges, and the record of a gate whose policy could not be loaded.
/// </summary>
public static class ErrorRecord
{
    /// <summary>What a pending record says.</summary>
    public const string PendingReason = "the gate started but did not finish: the process died or was killed before it decided (e.g. a guardrail overflowed the stack); no decision was made";

    /// <summary>
    /// The record stored under the decision's id before the gate judges: if the process dies before it decides
    /// (killed, out of memory, a guardrail overflowing the stack, which no handler can catch), it stays and says
    /// so. A finished run replaces it.
    /// </summary>
    public static DecisionRecord Pending(PolicyPack pack, Guid id, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Of(PolicyIdentity.Of(pack), id, at, PendingReason, []);
    }

    /// <summary>The record of a gate whose policy assembly (<paramref name="policyPath"/>) could not be loaded: <paramref name="problem"/> says why.</summary>
    public static DecisionRecord PolicyNotLoaded(string policyPath, string problem, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(policyPath);
        var reason = $"the policy could not be loaded: {problem}";
        return Of(new PolicyIdentity(Path.GetFileName(policyPath), "", 0), Guid.CreateVersion7(at), at, reason, Hashed(policyPath));
    }

    /// <summary>The policy file as an input, when it can be read: the record then says exactly which bytes failed to load.</summary>
    private static IReadOnlyList<InputFile> Hashed(string path)
    {
        try
        {
            return File.Exists(path) ? [new InputFile("policy", path, InputFile.Hash(path), 0)] : [];
        }
        catch (InputException)
        {
            return [];
        }
    }

    private static DecisionRecord Of(PolicyIdentity policy, Guid id, DateTimeOffset at, string reason, IReadOnlyList<InputFile> inputs) => new()
    {
        DecisionId = id,
        DecidedAt = at,
        Verdict = Verdict.Error,
        ExitCode = new Decision(Verdict.Error, Stages.None, [], reason).ExitCode,
        Reason = reason,
        Policy = policy,
        Inputs = inputs,
        Findings = [],
        Errors = [reason],
        Timings = new Timings(0, 0, 0),
        ToolVersion = GateRun.ToolVersion,
        Run = RunContext.FromEnvironment(),
    };
}
