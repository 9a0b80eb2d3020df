using System.Linq;
using PolicyEngine.Evaluation;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        internal sealed partial class Parser
        {
            /// <summary>A QualityFloor attribute's spec, or null with a diagnostic.</summary>
            private GuardrailSpec? ParseQualityFloor(GuardrailContext c)
            {
                var (id, attribute, location, slice) = (c.Id, c.Attribute, c.Location, c.Slice);
                var metric = Constructor<string>(attribute, 0) ?? "";
                var layer = (BenchmarkLayer)Constructor<int>(attribute, 1);
                if (!MetricCatalog.Quality.TryGetValue(metric, out var higherIsBetter))
                {
                    Report(DiagnosticDescriptors.UnknownMetric, location, id, metric, MetricCatalog.Known(MetricCatalog.Quality.Keys));
                    return null;
                }

                var bound = OneOf(attribute, id, location, "Min", "Max", "MaxRegression");
                if (bound is null)
                {
                    return null;
                }

                var (name, limit) = bound.Value;
                if (name == "Min" && !higherIsBetter || name == "Max" && higherIsBetter)
                {
                    Report(DiagnosticDescriptors.WrongDirection, location, id,
                        $"sets {name}, but {metric} is better when {(higherIsBetter ? "higher: use Min" : "lower: use Max")}");
                }

                if (layer == BenchmarkLayer.Live && !MetricCatalog.Live.Contains(metric))
                {
                    Report(DiagnosticDescriptors.NotMeasuredLive, location, id,
                        $"reads {metric} from the Live layer, which request telemetry does not measure (live quality is {string.Join(", ", MetricCatalog.Live)}); it could never pass");
                }

                if (name == "MaxRegression" && limit < 0)
                {
                    Report(DiagnosticDescriptors.NegativeThreshold, location, id, "sets a negative MaxRegression; use 0 to allow no regression");
                }

                return new QualityFloorSpec(slice, metric, higherIsBetter, layer, (QualityBound)System.Enum.Parse(typeof(QualityBound), name), limit);
            }
        }
    }
}
