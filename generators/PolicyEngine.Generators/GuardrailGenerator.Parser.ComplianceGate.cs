using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        internal sealed partial class Parser
        {
            /// <summary>A ComplianceGate attribute's spec, or null with a diagnostic.</summary>
            private GuardrailSpec? ParseComplianceGate(GuardrailContext c)
            {
                var (id, attribute, location, slice) = (c.Id, c.Attribute, c.Location, c.Slice);
                var evidenceKind = Constructor<string>(attribute, 0) ?? "";
                if (!IdPart.IsMatch(evidenceKind))
                {
                    Report(DiagnosticDescriptors.InvalidId, location, evidenceKind, "evidence kind");
                }

                var maxAge = Named(attribute, "MaxAgeDays") is int age ? age : 0;
                if (maxAge < 0)
                {
                    Report(DiagnosticDescriptors.NonPositiveLimit, location, id, "MaxAgeDays", maxAge.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                return new ComplianceGateSpec(evidenceKind, maxAge, Named(attribute, "RequireSignature") is true);
            }
        }
    }
}
