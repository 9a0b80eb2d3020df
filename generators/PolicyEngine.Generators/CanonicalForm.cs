using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    /// <summary>
    /// The canonical form of a pack: what its guardrails enforce and nothing else, one JSON object per line —
    /// each guardrail by id, then each scored policy's scorecard. The pack's fingerprint is the SHA-256 of these
    /// lines (UTF-8, each ending in a line feed), so rewording a requirement, a rationale or a message leaves the
    /// policy version alone, while any threshold, stage, severity, missing-data rule, owner or custom body
    /// changes it (docs/architecture.md, "The policy fingerprint").
    /// </summary>
    internal static class CanonicalForm
    {
        /// <summary>The lines of the canonical form, in order.</summary>
        public static string Of(IEnumerable<PolicyModel> policies)
        {
            var list = policies.ToList();
            var b = new StringBuilder();
            foreach (var g in list.SelectMany(p => p.Guardrails).OrderBy(g => g.Id, System.StringComparer.Ordinal))
            {
                var o = new JsonLine(b);
                o.Text("id", g.Id).Text("kind", g.Spec.Kind).Text("severity", g.Severity)
                    .Raw("stages", "[" + string.Join(",", StageNames((int)g.Stages).Select(Quote)) + "]")
                    .Text("whenMissing", g.WhenMissing).Text("owner", g.Owner).Text("slice", g.Spec.Slice);
                if (g.Levers != Levers.All)
                {
                    // Only when narrowed, so packs that never name levers keep their fingerprints.
                    o.Raw("levers", "[" + string.Join(",", new[] { Levers.Scale, Levers.Architecture, Levers.DataCuration, Levers.Hybrid }.Where(l => (g.Levers & l) != 0).Select(l => Quote(l.ToString()))) + "]");
                }

                Spec(o, g.Spec);
                o.End();
            }

            var bins = list.Select(p => p.CalibrationBins).Where(b => b > 0).Distinct().ToList();
            if (bins.Count == 1 && bins[0] != 10)
            {
                new JsonLine(b).Number("calibrationBins", bins[0]).End();
            }

            foreach (var p in list.Where(p => p.Groups.Count > 0).OrderBy(p => p.Name, System.StringComparer.Ordinal))
            {
                new JsonLine(b).Text("scorecard", p.Name).Number("scorePass", p.ScorePass).Number("scoreMarginal", p.ScoreMarginal)
                    .Raw("groups", "[" + string.Join(",", p.Groups.OrderBy(g => g.Name, System.StringComparer.Ordinal)
                        .Select(g => new JsonLine(new StringBuilder()).Text("name", g.Name).Number("weight", g.Weight).Inline())) + "]")
                    .End();
            }

            return b.ToString();
        }

        private static void Spec(JsonLine o, GuardrailSpec spec)
        {
            switch (spec)
            {
                case LatencyBudgetSpec s:
                    o.Text("measure", s.Measure).Number("percentile", s.Percentile).Number("maxMilliseconds", s.MaxMilliseconds);
                    break;
                case CostCeilingSpec s:
                    o.Text("metric", s.Metric).Number("max", s.Max);
                    break;
                case QualityFloorSpec s:
                    o.Text("metric", s.Metric).Text("layer", s.Layer).Text("bound", s.Bound).Number("limit", s.Limit).Bool("higherIsBetter", s.HigherIsBetter);
                    break;
                case RollbackThresholdSpec s:
                    o.Text("metric", s.Metric.Name).Text("change", s.Change).Number("limit", s.Limit).Number("minSamples", s.MinSamples)
                        .Raw("measurement", s.Measurement is { } m
                            ? new JsonLine(new StringBuilder()).Number("count", m.Count).Number("intervalSeconds", m.IntervalSeconds)
                                .Number("failureLimit", m.FailureLimit).Number("inconclusiveLimit", m.InconclusiveLimit)
                                .Number("consecutiveErrorLimit", m.ConsecutiveErrorLimit).Number("consecutiveSuccessLimit", m.ConsecutiveSuccessLimit).Inline()
                            : "null")
                        .Raw("distribution", s.Distribution is { } d
                            ? new JsonLine(new StringBuilder()).Text("otherChange", d.OtherChange).Number("otherLimit", d.OtherLimit)
                                .Number("confidence", d.Confidence).Text("whenNaN", d.WhenNaN).Inline()
                            : "null")
                        .Raw("history", s.History is { } h
                            ? new JsonLine(new StringBuilder()).Number("count", h.Count).Number("percentile", h.Percentile).Inline()
                            : "null")
                        .Text("group", s.Group).Bool("critical", s.Critical);
                    if (s.Sequential is { } q)
                    {
                        // Only when set, so thresholds judged one look at a time keep their fingerprints; a ratio only
                        // when it is not 1, so sequences declared before it keep theirs.
                        var sequential = new JsonLine(new StringBuilder()).Number("confidence", q.Confidence).Number("minDurationSeconds", q.MinDurationSeconds);
                        if (q.BaselineRatio != 1)
                        {
                            sequential.Number("baselineRatio", q.BaselineRatio);
                        }

                        o.Raw("sequential", sequential.Inline());
                    }
                    break;
                case ComplianceGateSpec s:
                    o.Text("evidenceKind", s.EvidenceKind).Number("maxAgeDays", s.MaxAgeDays).Bool("requireSignature", s.RequireSignature);
                    break;
                case ProbeBudgetSpec s:
                    o.Number("batchSize", s.BatchSize).Text("provider", s.Provider).Text("limit", s.Limit).Number("percentile", s.Percentile).Number("threshold", s.Threshold);
                    break;
                case ThroughputFloorSpec s:
                    o.Number("minTokensPerGpuSecond", s.MinTokensPerGpuSecond);
                    break;
                case GainBreadthSpec s:
                    o.Text("metric", s.Metric).Text("layer", s.Layer).Number("minMargin", s.MinMargin).Number("minSlices", s.MinSlices)
                        .Number("minShare", s.MinShare).Bool("higherIsBetter", s.HigherIsBetter);
                    break;
                case BenchmarkCoverageSpec s:
                    o.Raw("layers", "[" + string.Join(",", s.Layers.Select(l => Quote(l.ToString()))) + "]");
                    break;
                case CustomSpec s:
                    o.Text("method", s.Method)
                        .Raw("parameters", "[" + string.Join(",", s.Parameters.Select(p => new JsonLine(new StringBuilder()).Text("name", p.Name).Text("type", p.Type).Text("role", p.Role).Inline())) + "]")
                        .Text("body", s.Body);
                    break;
            }
        }

        private static IEnumerable<string> StageNames(int stages)
        {
            if ((stages & 1) != 0)
            {
                yield return "offline";
            }

            if ((stages & 2) != 0)
            {
                yield return "canary";
            }

            if ((stages & 4) != 0)
            {
                yield return "full";
            }
        }

        /// <summary>A JSON string: quotes, backslashes and every control character escaped, so any name or body round-trips.</summary>
        private static string Quote(string? text)
        {
            if (text is null)
            {
                return "null";
            }

            var b = new StringBuilder("\"");
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"':
                        b.Append("\\\"");
                        break;
                    case '\\':
                        b.Append("\\\\");
                        break;
                    case '\n':
                        b.Append("\\n");
                        break;
                    case '\r':
                        b.Append("\\r");
                        break;
                    case '\t':
                        b.Append("\\t");
                        break;
                    default:
                        if (c < 0x20 || c == 0x7f || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029')
                        {
                            b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            b.Append(c);
                        }

                        break;
                }
            }

            return b.Append('"').ToString();
        }

        /// <summary>One JSON object, its keys in the order written.</summary>
        private sealed class JsonLine
        {
            private readonly StringBuilder _b;
            private bool _first = true;

            public JsonLine(StringBuilder b)
            {
                _b = b;
                _b.Append('{');
            }

            public JsonLine Text(string key, string? value) => Raw(key, Quote(value));

            public JsonLine Text(string key, System.Enum? value) => Raw(key, Quote(value?.ToString()));

            public JsonLine Bool(string key, bool value) => Raw(key, value ? "true" : "false");

            public JsonLine Number(string key, double? value) => Raw(key, value is { } v
                ? double.IsNaN(v) || double.IsInfinity(v) ? Quote(v.ToString("R", CultureInfo.InvariantCulture)) : v.ToString("R", CultureInfo.InvariantCulture)
                : "null");

            public JsonLine Raw(string key, string json)
            {
                _b.Append(_first ? "" : ",").Append(Quote(key)).Append(':').Append(json);
                _first = false;
                return this;
            }

            public void End() => _b.Append("}\n");

            public string Inline() => _b.Append('}').ToString();
        }
    }
}
