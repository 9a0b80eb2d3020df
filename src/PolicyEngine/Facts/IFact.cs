namespace PolicyEngine;

/// <summary>A fact the rules match on. Custom guardrails may take parameters of fact types only.</summary>
public interface IFact
{
}
