using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        internal sealed partial class Parser
        {
            /// <summary>A CostCeiling attribute's spec, or null with a diagnostic.</summary>
            private GuardrailSpec? ParseCostCeiling(GuardrailContext c)
            {
                var (id, attribute, location, slice) = (c.Id, c.Attribute, c.Location, c.Slice);
                var metric = (CostMetric)Constructor<int>(attribute, 0);
                var max = NamedDouble(attribute, "Max") ?? 0;
                CheckPositive(max, "Max", id, location);
                return new CostCeilingSpec(slice, metric, max);
            }
        }
    }
}
