using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        internal sealed partial class Parser
        {
            /// <summary>A LatencyBudget attribute's spec, or null with a diagnostic.</summary>
            private GuardrailSpec? ParseLatencyBudget(GuardrailContext c)
            {
                var (id, attribute, location, slice) = (c.Id, c.Attribute, c.Location, c.Slice);
                var percentile = NamedDouble(attribute, "Percentile") ?? 95;
                var max = NamedDouble(attribute, "MaxMilliseconds") ?? 0;
                CheckPercentile(percentile, id, location);
                CheckPositive(max, "MaxMilliseconds", id, location);
                var measure = Named(attribute, "Measure") is int m ? (LatencyMeasure)m : LatencyMeasure.Request;
                return new LatencyBudgetSpec(slice, measure, percentile, max);
            }
        }
    }
}
