namespace PolicyEngine;

/// <summary>Marks a custom guardrail's parameter as the baseline's fact for the candidate's slice.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class BaselineAttribute : Attribute
{
}
