using System.Linq;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        internal sealed partial class Parser
        {
            /// <summary>A ThroughputFloor attribute's spec, or null with a diagnostic.</summary>
            private GuardrailSpec? ParseThroughputFloor(GuardrailContext c)
            {
                var min = NamedDouble(c.Attribute, "MinTokensPerGpuSecond");
                if (min is not { } floor || !(floor > 0) || double.IsInfinity(floor))
                {
                    Report(DiagnosticDescriptors.InvalidThroughputFloor, c.Location, c.Id,
                        min is null
                            ? "sets no MinTokensPerGpuSecond; give the fewest output tokens per GPU-second the release must sustain"
                            : $"sets MinTokensPerGpuSecond = {Format(min.Value)}; expected a finite number greater than 0");
                    return null;
                }

                return new ThroughputFloorSpec(c.Slice, floor);
            }

            /// <summary>A GainBreadth attribute's spec, or null with a diagnostic.</summary>
            private GuardrailSpec? ParseGainBreadth(GuardrailContext c)
            {
                var (id, attribute, location) = (c.Id, c.Attribute, c.Location);
                var metric = Constructor<string>(attribute, 0) ?? "";
                var layer = (BenchmarkLayer)Constructor<int>(attribute, 1);
                if (!MetricCatalog.Quality.TryGetValue(metric, out var higherIsBetter))
                {
                    Report(DiagnosticDescriptors.UnknownMetric, location, id, metric, MetricCatalog.Known(MetricCatalog.Quality.Keys));
                    return null;
                }

                if (layer == BenchmarkLayer.Live && !MetricCatalog.Live.Contains(metric))
                {
                    Report(DiagnosticDescriptors.NotMeasuredLive, location, id,
                        $"reads {metric} from the Live layer, which request telemetry does not measure (live quality is {string.Join(", ", MetricCatalog.Live)}); it could never pass");
                    return null;
                }

                var margin = NamedDouble(attribute, "MinMargin") ?? 0;
                var slices = Named(attribute, "MinSlices") is int n ? n : 0;
                var share = NamedDouble(attribute, "MinShare");
                if (double.IsInfinity(margin) || double.IsNaN(margin))
                {
                    Report(DiagnosticDescriptors.InvalidGainBreadth, location, id, $"sets MinMargin = {Format(margin)}; expected a finite number in {metric}'s units");
                }
                else if (slices < 0 || slices == 0 && share is null)
                {
                    Report(DiagnosticDescriptors.InvalidGainBreadth, location, id,
                        slices < 0 ? $"sets MinSlices = {slices}; expected 1 or more" : "sets neither MinSlices nor MinShare, so any gain — even none — would be broad enough; set how many slices (or what share) must gain");
                }
                else if (share is { } s && !(s > 0 && s <= 1))
                {
                    Report(DiagnosticDescriptors.InvalidGainBreadth, location, id, $"sets MinShare = {Format(s)}; expected a share above 0 and at most 1");
                }
                else
                {
                    return new GainBreadthSpec(metric, higherIsBetter, layer, margin, slices, share);
                }

                return null;
            }

            /// <summary>A BenchmarkCoverage attribute's spec, or null with a diagnostic.</summary>
            private GuardrailSpec? ParseBenchmarkCoverage(GuardrailContext c)
            {
                // An array argument has Values, not a Value (reading Value would throw).
                var given = c.Attribute.NamedArguments.Where(a => a.Key == "Layers").Select(a => a.Value).ToList();
                var declared = given.Count == 0
                    ? new[] { BenchmarkLayer.Academic, BenchmarkLayer.ProductionOffline, BenchmarkLayer.Adversarial, BenchmarkLayer.Business }
                    : given[0].IsNull ? new BenchmarkLayer[0] : given[0].Values.Select(v => (BenchmarkLayer)(int)v.Value!).ToArray();
                string? problem = declared.Length == 0 ? "sets no Layers; leave the default (all four offline layers) or name the layers required"
                    : declared.Contains(BenchmarkLayer.Live) ? "names the Live layer, which comes from request telemetry, not the evaluation report; coverage is of the report's layers"
                    : declared.Distinct().Count() != declared.Length ? "names a layer twice"
                    : null;
                if (problem is not null)
                {
                    Report(DiagnosticDescriptors.InvalidCoverageLayers, c.Location, c.Id, problem);
                    return null;
                }

                return new BenchmarkCoverageSpec(declared.OrderBy(l => l).Select(l => (int)l).ToEquatableArray());
            }
        }
    }
}
