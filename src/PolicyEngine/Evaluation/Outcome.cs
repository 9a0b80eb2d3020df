namespace PolicyEngine.Evaluation;

/// <summary>What one guardrail found about one subject.</summary>
public enum Outcome
{
    /// <summary>The guardrail holds.</summary>
    Pass = 0,

    /// <summary>The guardrail is broken.</summary>
    Fail = 1,

    /// <summary>The facts it needs are missing or too few to decide.</summary>
    Inconclusive = 2,

    /// <summary>Evaluating it threw; the decision fails closed.</summary>
    Error = 3,

    /// <summary>A recorded waiver exempts it.</summary>
    Waived = 4,
}
