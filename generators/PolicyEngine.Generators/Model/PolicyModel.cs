namespace PolicyEngine.Generators.Model
{
    /// <summary>A policy class and its valid guardrails.</summary>
    /// <param name="Namespace">The class's namespace, empty for the global one.</param>
    /// <param name="ClassName">The class name.</param>
    /// <param name="Name">The policy name.</param>
    /// <param name="Owner">The policy's owner.</param>
    /// <param name="Guardrails">Its valid guardrails, in declaration order.</param>
    /// <param name="Groups">Its metric groups, in declaration order; empty when it declares none.</param>
    /// <param name="ScorePass">The lowest passing score.</param>
    /// <param name="ScoreMarginal">The lowest marginal score.</param>
    /// <param name="Summary">The class's XML doc summary, for the rule docs; empty when it has none.</param>
    /// <param name="CalibrationBins">The confidence bins of expected calibration error the policy sets; 0 when it leaves the default.</param>
    internal sealed record PolicyModel(
        string Namespace,
        string ClassName,
        string Name,
        string Owner,
        EquatableArray<GuardrailModel> Guardrails,
        EquatableArray<MetricGroupModel> Groups,
        double ScorePass,
        double ScoreMarginal,
        string Summary = "",
        int CalibrationBins = 0)
    {
        /// <summary>The class's fully qualified name, <c>global::</c> prefixed.</summary>
        public string FullClassName => Namespace.Length == 0 ? $"global::{ClassName}" : $"global::{Namespace}.{ClassName}";
    }

    /// <summary>A metric group a policy declares.</summary>
    /// <param name="Name">The group's name.</param>
    /// <param name="Weight">Its weight.</param>
    internal sealed record MetricGroupModel(string Name, double Weight);
}
