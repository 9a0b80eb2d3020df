namespace PolicyEngine;

/// <summary>
/// Marks a custom guardrail: a static method over <see cref="SliceMetrics"/> and <see cref="RolloutContext"/> parameters
/// that answers <see langword="bool"/>, <see langword="bool"/>? (null: cannot tell, i.e. missing data) or a <see cref="GuardrailResult"/>. The first parameter that is not
/// <see cref="BaselineAttribute">[Baseline]</see> is the candidate's fact and the subject: the guardrail
/// yields one finding per candidate slice. Every other slice fact is joined to it on the slice.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class GuardrailAttribute : GuardrailDeclarationAttribute
{
}
