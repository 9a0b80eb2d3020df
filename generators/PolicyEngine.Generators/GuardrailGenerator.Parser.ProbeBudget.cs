using System.Linq;
using Microsoft.CodeAnalysis;
using PolicyEngine.Evaluation;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        internal sealed partial class Parser
        {
            /// <summary>A ProbeBudget attribute's spec, or null with a diagnostic.</summary>
            private GuardrailSpec? ParseProbeBudget(GuardrailContext c)
            {
                var (id, attribute, location, slice) = (c.Id, c.Attribute, c.Location, c.Slice);
                var batch = Named(attribute, "BatchSize") is int b ? b : 1;
                CheckPositive(batch, "BatchSize", id, location);
                var provider = Named(attribute, "RequireProvider") is int p ? (ExecutionProvider)p : ExecutionProvider.Any;
                var limits = new[] { "MaxMilliseconds", "MinThroughput", "MinAgreement", "MaxUsdPer1kInferences" }
                    .Select(n => (Name: n, Value: NamedDouble(attribute, n)))
                    .Where(l => l.Value is not null)
                    .ToList();
                if (limits.Count > 1 || limits.Count == 0 && provider == ExecutionProvider.Any)
                {
                    Report(DiagnosticDescriptors.ProbeLimitCount, location, id,
                        "must set one of MaxMilliseconds, MinThroughput, MinAgreement, MaxUsdPer1kInferences, or RequireProvider alone");
                    return null;
                }

                var percentile = NamedDouble(attribute, "Percentile") ?? 95;
                if (limits.Count == 0)
                {
                    return new ProbeBudgetSpec(batch, provider, ProbeLimit.ProviderOnly, percentile, 0);
                }

                var (limitName, limit) = (limits[0].Name, limits[0].Value!.Value);
                if (limitName == "MinAgreement")
                {
                    if (limit <= 0 || limit > 1)
                    {
                        Report(DiagnosticDescriptors.AgreementOutOfRange, location, id, "sets MinAgreement outside (0, 1]");
                    }
                }
                else
                {
                    CheckPositive(limit, limitName, id, location);
                }

                if (limitName == "MaxMilliseconds")
                {
                    CheckPercentile(percentile, id, location);
                    if (percentile > 0 && percentile < 100 && percentile != 50 && percentile != 95 && percentile != 99)
                    {
                        Report(DiagnosticDescriptors.ProbePercentileNotMeasured, location, id, "sets a probe percentile the probe does not measure; use 50, 95 or 99");
                    }
                }

                var limitKind = limitName == "MaxMilliseconds" ? ProbeLimit.MaxLatency : (ProbeLimit)System.Enum.Parse(typeof(ProbeLimit), limitName);
                return new ProbeBudgetSpec(batch, provider, limitKind, percentile, limit);
            }
        }
    }
}
