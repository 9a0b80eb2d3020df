using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyEngine.Evaluation;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        /// <summary>Turns a [GuardrailPolicy] class into a model and diagnostics. The only place that touches Roslyn symbols.</summary>
        internal sealed class Parser
        {
            private const string Ns = "PolicyEngine.";
            private static readonly Regex IdPart = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
            private static readonly string[] StageNames = { "offline", "canary", "full" };

            private readonly List<DiagnosticInfo> _diagnostics = new();
            private List<MetricGroupModel> _groups = new();
            private string _policy = "";
            private readonly List<ISymbol> _failed = new();
            private readonly CancellationToken _cancellation;
            private readonly SemanticModel _semantic;

            private Parser(CancellationToken cancellation, SemanticModel semantic)
            {
                _cancellation = cancellation;
                _semantic = semantic;
            }

            public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
            {
                var parser = new Parser(cancellation, context.SemanticModel);
                var type = (INamedTypeSymbol)context.TargetSymbol;
                var policy = parser.ParsePolicy(type, (ClassDeclarationSyntax)context.TargetNode, context.Attributes[0]);
                // A class that did not compile leaves all its guardrails without implementations; a valid one, those it rejected.
                var failed = policy is null ? type.GetMembers().Where(m => m.GetAttributes().Any(a => KindOf(a) is not null)) : parser._failed;
                var stubs = Stubs.For(type, failed, type.ToDisplayString().Replace('<', '{').Replace('>', '}') + ".Stubs.g.cs");
                return new ParseResult(policy, parser._diagnostics.ToEquatableArray(), stubs);
            }

            /// <summary>The attribute types that declare a guardrail, by metadata name.</summary>
            public static readonly string[] GuardrailAttributes =
            {
                Ns + "LatencyBudgetAttribute", Ns + "CostCeilingAttribute", Ns + "QualityFloorAttribute", Ns + "RollbackThresholdAttribute",
                Ns + "ComplianceGateAttribute", Ns + "ProbeBudgetAttribute", Ns + "GuardrailAttribute",
            };

            /// <summary>
            /// A guardrail attribute on a member of a class that is not a top-level [GuardrailPolicy] class (PE0016):
            /// the generator reads no other class, so the guardrail would silently never run.
            /// </summary>
            public static ParseResult Orphan(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
            {
                var member = context.TargetSymbol;
                var type = member.ContainingType;
                var first = member.GetAttributes().FirstOrDefault(a => KindOf(a) is not null);
                if (type is null || IsPolicy(type) && type.ContainingType is null
                    || !SymbolEqualityComparer.Default.Equals(first?.AttributeClass, context.Attributes[0].AttributeClass))
                {
                    // A member of a policy class is the parser's; a member with several guardrail attributes is reported once.
                    return new ParseResult(null, default);
                }

                cancellation.ThrowIfCancellationRequested();
                var policy = AllContaining(type).FirstOrDefault(IsPolicy);
                var where = policy is not null ? $" (it is nested in policy class '{policy.Name}', whose nested classes are not read)" : "";
                var attribute = first!.AttributeClass!.Name;
                attribute = attribute.EndsWith("Attribute", StringComparison.Ordinal) ? attribute.Substring(0, attribute.Length - "Attribute".Length) : attribute;
                var diagnostic = new DiagnosticInfo(DiagnosticDescriptors.OutsidePolicy, MemberLocation(member), new[] { $"{type.Name}.{member.Name}", attribute, where }.ToEquatableArray());
                var hint = $"{type.ToDisplayString().Replace('<', '{').Replace('>', '}')}.{member.Name}.Orphan.g.cs";
                return new ParseResult(null, new[] { diagnostic }.ToEquatableArray(), Stubs.For(type, new[] { member }, hint));
            }

            private static bool IsPolicy(INamedTypeSymbol type) =>
                type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Ns + "GuardrailPolicyAttribute");

            private static IEnumerable<INamedTypeSymbol> AllContaining(INamedTypeSymbol type)
            {
                for (var t = type.ContainingType; t is not null; t = t.ContainingType)
                {
                    yield return t;
                }
            }

            private PolicyModel? ParsePolicy(INamedTypeSymbol type, ClassDeclarationSyntax syntax, AttributeData attribute)
            {
                var isPartial = syntax.Modifiers.Any(SyntaxKind.PartialKeyword);
                if (!type.IsStatic || !isPartial || type.ContainingType is not null || type.IsGenericType)
                {
                    Report(DiagnosticDescriptors.PolicyClassNotStaticPartial, syntax.Identifier.GetLocation(), type.Name);
                    return null;
                }

                var name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? "" : "";
                if (!IdPart.IsMatch(name))
                {
                    Report(DiagnosticDescriptors.InvalidId, AttributeLocation(attribute, syntax) ?? syntax.Identifier.GetLocation(), name, "policy name");
                    return null;
                }

                var owner = Named(attribute, "Owner") as string;
                var groups = ParseGroups(type, name, attribute, syntax.Identifier.GetLocation(), out var pass, out var marginal);
                _groups = groups;
                _policy = name;
                var guardrails = new List<GuardrailModel>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in type.GetMembers().OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath, StringComparer.Ordinal)
                             .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
                {
                    _cancellation.ThrowIfCancellationRequested();
                    var attributes = member.GetAttributes().Where(a => KindOf(a) is not null).ToList();
                    if (attributes.Count == 0)
                    {
                        continue;
                    }

                    if (attributes.Count > 1)
                    {
                        Report(DiagnosticDescriptors.MoreThanOneKind, MemberLocation(member), member.Name);
                        _failed.Add(member);
                        continue;
                    }

                    var guardrail = ParseGuardrail(name, owner, member, attributes[0]);
                    if (guardrail is null)
                    {
                        _failed.Add(member);
                        continue;
                    }

                    if (!seen.Add(guardrail.Id))
                    {
                        Report(DiagnosticDescriptors.DuplicateId, MemberLocation(member), guardrail.Id);
                        _failed.Add(member);
                        continue;
                    }

                    guardrails.Add(guardrail);
                }

                var ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
                return new PolicyModel(ns, type.Name, name, owner ?? "", guardrails.ToEquatableArray(), groups.ToEquatableArray(), pass, marginal);
            }

            /// <summary>
            /// The policy's [MetricGroup]s and score thresholds, checked against each other (PE0015); the groups its
            /// rollback thresholds name are checked against these as each is parsed.
            /// </summary>
            private List<MetricGroupModel> ParseGroups(INamedTypeSymbol type, string policy, AttributeData attribute, Location location,
                out double pass, out double marginal)
            {
                pass = NamedDouble(attribute, "ScorePass") ?? 95;
                marginal = NamedDouble(attribute, "ScoreMarginal") ?? 75;
                var groups = new List<MetricGroupModel>();
                foreach (var declared in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == Ns + "MetricGroupAttribute"))
                {
                    var at = AttributeLocation(declared, null) ?? location;
                    var name = Constructor<string>(declared, 0) ?? "";
                    var weight = NamedDouble(declared, "Weight") ?? 1;
                    if (name.Trim().Length == 0)
                    {
                        Report(DiagnosticDescriptors.InvalidScoring, at, policy, "declares a metric group without a name");
                    }
                    else if (groups.Any(g => g.Name == name))
                    {
                        Report(DiagnosticDescriptors.InvalidScoring, at, policy, $"declares the metric group '{name}' twice");
                    }
                    else if (!(weight > 0) || double.IsInfinity(weight))
                    {
                        Report(DiagnosticDescriptors.InvalidScoring, at, policy, $"gives the metric group '{name}' the weight {Format(weight)}; expected a number greater than 0");
                    }
                    else
                    {
                        groups.Add(new MetricGroupModel(name, weight));
                    }
                }

                if (!(marginal >= 0 && marginal <= pass && pass <= 100))
                {
                    Report(DiagnosticDescriptors.InvalidScoring, AttributeLocation(attribute, null) ?? location, policy,
                        $"sets ScorePass {Format(pass)} and ScoreMarginal {Format(marginal)}; expected 0 ≤ ScoreMarginal ≤ ScorePass ≤ 100");
                }

                return groups;
            }

            private GuardrailModel? ParseGuardrail(string policy, string? policyOwner, ISymbol member, AttributeData attribute)
            {
                var kind = KindOf(attribute)!;
                var location = MemberLocation(member);
                var local = Named(attribute, "Id") as string ?? KebabCase(member.Name);
                if (!IdPart.IsMatch(local))
                {
                    Report(DiagnosticDescriptors.InvalidId, AttributeLocation(attribute, null) ?? location, local, "guardrail id");
                    return null;
                }

                var id = $"{policy}/{local}";
                var accessibility = "";
                if (kind == "Custom")
                {
                    if (member is not IMethodSymbol)
                    {
                        return null;
                    }
                }
                else
                {
                    if (!IsGuardrailProperty(member, out accessibility))
                    {
                        Report(DiagnosticDescriptors.GuardrailPropertyNotPartial, location, member.Name);
                        return null;
                    }
                }

                var errors = _diagnostics.Count;
                var stages = Named(attribute, "Stages") is int declared ? (Stages)declared : kind == "RollbackThreshold" ? Stages.Canary : Stages.All;
                if ((stages & Stages.All) == Stages.None)
                {
                    Report(DiagnosticDescriptors.NoStages, AttributeLocation(attribute, null) ?? location, id);
                }

                var owner = Named(attribute, "Owner") as string ?? policyOwner;
                if (string.IsNullOrWhiteSpace(owner))
                {
                    Report(DiagnosticDescriptors.MissingOwner, location, id);
                }

                var spec = kind == "Custom"
                    ? ParseCustom(id, (IMethodSymbol)member, location)
                    : ParseSpec(kind, id, attribute, AttributeLocation(attribute, null) ?? location);
                if (spec is null || _diagnostics.Count > errors)
                {
                    return null;
                }

                var rationale = Rationale(member);
                if (rationale.Length == 0)
                {
                    Report(DiagnosticDescriptors.MissingRationale, location, id);
                }

                var severity = Named(attribute, "Severity") is int sev ? (Severity)sev : Severity.Block;
                var missingDefault = kind == "ComplianceGate" ? MissingData.Fail : MissingData.Inconclusive;
                var whenMissing = Named(attribute, "WhenMissing") is int wm ? (MissingData)wm : missingDefault;
                return new GuardrailModel(id, member.Name, accessibility, severity, stages & Stages.All, whenMissing, owner!, rationale,
                    LocationInfo.From(location), spec);
            }

            private GuardrailSpec? ParseSpec(string kind, string id, AttributeData attribute, Location location)
            {
                var slice = Named(attribute, "Slice") as string ?? "all";
                if (slice.Trim().Length == 0)
                {
                    Report(DiagnosticDescriptors.EmptySlice, location, id);
                    return null;
                }

                switch (kind)
                {
                    case "LatencyBudget":
                    {
                        var percentile = NamedDouble(attribute, "Percentile") ?? 95;
                        var max = NamedDouble(attribute, "MaxMilliseconds") ?? 0;
                        CheckPercentile(percentile, id, location);
                        CheckPositive(max, "MaxMilliseconds", id, location);
                        var measure = Named(attribute, "Measure") is int m ? (LatencyMeasure)m : LatencyMeasure.Request;
                        return new LatencyBudgetSpec(slice, measure, percentile, max);
                    }

                    case "CostCeiling":
                    {
                        var metric = (CostMetric)Constructor<int>(attribute, 0);
                        var max = NamedDouble(attribute, "Max") ?? 0;
                        CheckPositive(max, "Max", id, location);
                        return new CostCeilingSpec(slice, metric, max);
                    }

                    case "QualityFloor":
                    {
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
                            Report(DiagnosticDescriptors.InvalidThresholds, location, id,
                                $"sets {name}, but {metric} is better when {(higherIsBetter ? "higher: use Min" : "lower: use Max")}");
                        }

                        if (layer == BenchmarkLayer.Live && metric != "accuracy" && metric != "hallucination_rate")
                        {
                            Report(DiagnosticDescriptors.InvalidThresholds, location, id,
                                $"reads {metric} from the Live layer, which request telemetry does not measure (live quality is accuracy and hallucination_rate over labeled rows); it could never pass");
                        }

                        if (name == "MaxRegression" && limit < 0)
                        {
                            Report(DiagnosticDescriptors.InvalidThresholds, location, id, "sets a negative MaxRegression; use 0 to allow no regression");
                        }

                        return new QualityFloorSpec(slice, metric, higherIsBetter, layer, (QualityBound)System.Enum.Parse(typeof(QualityBound), name), limit);
                    }

                    case "RollbackThreshold":
                        return ParseRollbackThreshold(id, attribute, location, slice);

                    case "ComplianceGate":
                    {
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

                    case "ProbeBudget":
                    {
                        var batch = Named(attribute, "BatchSize") is int b ? b : 1;
                        CheckPositive(batch, "BatchSize", id, location);
                        var provider = Named(attribute, "RequireProvider") is int p ? (ExecutionProvider)p : ExecutionProvider.Any;
                        var limits = new[] { "MaxMilliseconds", "MinThroughput", "MinAgreement", "MaxUsdPer1kInferences" }
                            .Select(n => (Name: n, Value: NamedDouble(attribute, n)))
                            .Where(l => l.Value is not null)
                            .ToList();
                        if (limits.Count > 1 || limits.Count == 0 && provider == ExecutionProvider.Any)
                        {
                            Report(DiagnosticDescriptors.InvalidThresholds, location, id,
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
                                Report(DiagnosticDescriptors.InvalidThresholds, location, id, "sets MinAgreement outside (0, 1]");
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
                                Report(DiagnosticDescriptors.InvalidThresholds, location, id, "sets a probe percentile the probe does not measure; use 50, 95 or 99");
                            }
                        }

                        var limitKind = limitName == "MaxMilliseconds" ? ProbeLimit.MaxLatency : (ProbeLimit)System.Enum.Parse(typeof(ProbeLimit), limitName);
                        return new ProbeBudgetSpec(batch, provider, limitKind, percentile, limit);
                    }

                    default:
                        return null;
                }
            }

            private GuardrailSpec? ParseRollbackThreshold(string id, AttributeData attribute, Location location, string slice)
            {
                var name = Constructor<string>(attribute, 0) ?? "";
                if (!MetricCatalog.Telemetry.TryGetValue(name, out var metric))
                {
                    Report(DiagnosticDescriptors.UnknownMetric, location, id, name, MetricCatalog.Known(MetricCatalog.Telemetry.Keys));
                    return null;
                }

                // The bad direction's limit is required; for a distribution the good direction may be limited too.
                var bad = metric.HigherIsBetter ? new[] { "MaxRelativeDecrease", "MaxAbsoluteDecrease" } : new[] { "MaxRelativeIncrease", "MaxAbsoluteIncrease" };
                var good = metric.HigherIsBetter ? new[] { "MaxRelativeIncrease", "MaxAbsoluteIncrease" } : new[] { "MaxRelativeDecrease", "MaxAbsoluteDecrease" };
                var goodSet = good.Select(n => (Name: n, Value: NamedDouble(attribute, n))).Where(x => x.Value is not null).ToList();
                if (metric.Sampled is null && goodSet.Count > 0)
                {
                    Report(DiagnosticDescriptors.InvalidThresholds, location, id,
                        $"limits {(metric.HigherIsBetter ? "an increase" : "a decrease")} of {name}, which is better when {(metric.HigherIsBetter ? "higher: limit its decrease" : "lower: limit its increase")}");
                    return null;
                }

                var change = OneOf(attribute, id, location, bad);
                if (change is null)
                {
                    return null;
                }

                var (limitName, limit) = change.Value;
                foreach (var (n, v) in new[] { (limitName, limit) }.Concat(goodSet.Select(x => (x.Name, x.Value!.Value))))
                {
                    if (v < 0 || double.IsNaN(v))
                    {
                        Report(DiagnosticDescriptors.InvalidThresholds, location, id, $"sets a negative {n}; use 0 to allow no change");
                    }
                }

                var minSamples = Named(attribute, "MinSamples") is int min ? min : 100;
                CheckPositive(minSamples, "MinSamples", id, location);
                var group = Named(attribute, "Group") as string;
                if (group is not null && group.Trim().Length == 0)
                {
                    Report(DiagnosticDescriptors.InvalidThresholds, location, id, "sets an empty Group; name a [MetricGroup] of the policy, or leave Group unset");
                }
                else if (group is not null && !_groups.Any(g => g.Name == group))
                {
                    Report(DiagnosticDescriptors.InvalidScoring, location, _policy,
                        $"has no metric group '{group}', which guardrail '{id}' scores in; declare it with [MetricGroup(\"{group}\")] on the policy class"
                        + (_groups.Count > 0 ? $" (declared: {string.Join(", ", _groups.Select(x => x.Name))})" : ""));
                }

                var critical = Named(attribute, "Critical") is true;
                var measurement = Measurement(attribute, id, location);
                if (measurement is not null && group is not null && !critical)
                {
                    // Its own series would roll back on a failure the score is meant to weigh.
                    Report(DiagnosticDescriptors.InvalidScoring, location, _policy,
                        $"lets guardrail '{id}' declare Measurements while it scores in group '{group}'; its policy's score decides it, so leave its measurement to the watch, or make it Critical");
                }

                return new RollbackThresholdSpec(slice, metric, Change(limitName), limit, minSamples, measurement,
                    Distribution(attribute, id, location, metric, goodSet), History(attribute, id, location, metric), group, critical);
            }

            /// <summary>How a distribution threshold judges; null for a single figure, where setting its properties is an error.</summary>
            private DistributionSpec? Distribution(AttributeData attribute, string id, Location location, TelemetryMetric metric, List<(string Name, double? Value)> good)
            {
                var confidence = NamedDouble(attribute, "Confidence");
                var whenNaN = Named(attribute, "WhenNaN") is int nan ? (NaNPolicy?)nan : null;
                if (metric.Sampled is null)
                {
                    if (confidence is not null || whenNaN is not null)
                    {
                        Report(DiagnosticDescriptors.InvalidThresholds, location, id,
                            $"sets {(confidence is not null ? "Confidence" : "WhenNaN")}, which applies to a whole distribution only (latency, ttft), not to {metric.Name}");
                    }

                    return null;
                }

                if (good.Count > 1)
                {
                    Report(DiagnosticDescriptors.InvalidThresholds, location, id, $"sets both {good[0].Name} and {good[1].Name}; set at most one");
                }

                if (confidence is { } c && !(c > 0 && c < 1))
                {
                    Report(DiagnosticDescriptors.InvalidThresholds, location, id, $"sets Confidence {Format(c)}; expected a number between 0 and 1, e.g. 0.95");
                }

                return new DistributionSpec(good.Count == 0 ? null : Change(good[0].Name), good.Count == 0 ? 0 : good[0].Value!.Value, confidence ?? 0.95, whenNaN ?? NaNPolicy.Remove);
            }

            /// <summary>MaxRelativeIncrease → ChangeLimit.RelativeIncrease.</summary>
            private static ChangeLimit Change(string property) => (ChangeLimit)System.Enum.Parse(typeof(ChangeLimit), property.Substring("Max".Length));

            /// <summary>The history a threshold compares with, or null when it compares with the live baseline (HistoryCount = 0).</summary>
            private HistorySpec? History(AttributeData attribute, string id, Location location, TelemetryMetric metric)
            {
                var count = Named(attribute, "HistoryCount") is int n ? n : 0;
                var percentile = NamedDouble(attribute, "HistoryPercentile");
                if (count == 0)
                {
                    if (percentile is not null)
                    {
                        Report(DiagnosticDescriptors.InvalidThresholds, location, id, "sets HistoryPercentile without HistoryCount; set how many past decisions to compare with");
                    }

                    return null;
                }

                CheckPositive(count, "HistoryCount", id, location);
                if (metric.Sampled is not null)
                {
                    Report(DiagnosticDescriptors.InvalidThresholds, location, id,
                        $"compares the distribution {metric.Name} with history; decision records keep figures, not samples: use {metric.Name}_p50…_p99");
                }

                if (percentile is { } p)
                {
                    CheckPercentile(p, id, location);
                }

                return new HistorySpec(count, percentile);
            }

            private GuardrailSpec? ParseCustom(string id, IMethodSymbol method, Location location)
            {
                var problems = new List<string>();
                if (!method.IsStatic)
                {
                    problems.Add("must be static");
                }

                if (!IsAnswer(method.ReturnType))
                {
                    problems.Add($"must return bool, bool? (null: cannot tell) or GuardrailResult, not {method.ReturnType.ToDisplayString()}");
                }

                if (method.IsGenericMethod)
                {
                    problems.Add("must not be generic");
                }

                var parameters = new List<PredicateParameter>();
                foreach (var parameter in method.Parameters)
                {
                    var type = parameter.Type;
                    var isBaseline = parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Ns + "BaselineAttribute");
                    var isContext = type.ToDisplayString() == Ns + "RolloutContext";
                    // QualityMetric is left out: a slice holds one per layer and metric, so a join on the slice alone is ambiguous.
                    var isSliceFact = type.ToDisplayString() == Ns + "SliceMetrics";
                    if (parameter.RefKind != RefKind.None || !(isContext || isSliceFact))
                    {
                        problems.Add($"takes '{parameter.Name}' of type {type.ToDisplayString()}; a custom guardrail takes SliceMetrics and RolloutContext parameters");
                        continue;
                    }

                    if (isContext && isBaseline)
                    {
                        problems.Add($"marks the rollout context '{parameter.Name}' [Baseline]; only slice facts have a baseline");
                        continue;
                    }

                    var role = isContext ? "Context" : isBaseline ? "Baseline" : "Candidate";
                    parameters.Add(new PredicateParameter(parameter.Name, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), type.Name, role));
                }

                if (problems.Count == 0 && !parameters.Any(p => p.Role == "Candidate"))
                {
                    problems.Add(parameters.Any(p => p.Role == "Baseline")
                        ? "has [Baseline] parameters but no candidate fact to join them to"
                        : "takes no candidate fact; its first slice-fact parameter is the subject it judges");
                }

                if (problems.Count > 0)
                {
                    Report(DiagnosticDescriptors.InvalidPredicate, location, id, string.Join("; ", problems));
                    return null;
                }

                var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellation) as MethodDeclarationSyntax;
                var body = (SyntaxNode?)syntax?.Body ?? syntax?.ExpressionBody;
                if (body is not null)
                {
                    WarnWherePassesWhenMissing(id, body);
                }

                return new CustomSpec(method.Name, parameters.ToEquatableArray(), body?.NormalizeWhitespace().ToFullString() ?? "");
            }

            /// <summary>bool, bool? or PolicyEngine.GuardrailResult: what a custom guardrail may answer.</summary>
            private static bool IsAnswer(ITypeSymbol type) =>
                type.SpecialType == SpecialType.System_Boolean
                || type is INamedTypeSymbol nullable && nullable.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean
                || type.ToDisplayString() == Ns + "GuardrailResult";

            /// <summary>
            /// PE0017: the idioms that turn a missing (null) metric into a pass — a null test among the operands of
            /// <c>||</c> (<c>x.Accuracy is null || …</c>, <c>== null</c>, <c>!x.HasValue</c>), and a negated lifted
            /// comparison (<c>!(x.Accuracy &lt; 0.9)</c>, true when the value is null).
            /// </summary>
            private void WarnWherePassesWhenMissing(string id, SyntaxNode body)
            {
                var semantic = body.SyntaxTree == _semantic.SyntaxTree ? _semantic : _semantic.Compilation.GetSemanticModel(body.SyntaxTree);
                foreach (var node in body.DescendantNodesAndSelf())
                {
                    _cancellation.ThrowIfCancellationRequested();
                    var tested = node switch
                    {
                        BinaryExpressionSyntax either when either.IsKind(SyntaxKind.LogicalOrExpression) =>
                            new[] { either.Left, either.Right }.Select(o => NullTested(o, semantic)).FirstOrDefault(t => t is not null),
                        PrefixUnaryExpressionSyntax negation when negation.IsKind(SyntaxKind.LogicalNotExpression)
                            && Unparenthesized(negation.Operand) is BinaryExpressionSyntax comparison && IsRelational(comparison) =>
                            new[] { comparison.Left, comparison.Right }.FirstOrDefault(o => IsNullableValue(o, semantic)),
                        _ => null,
                    };
                    if (tested is not null)
                    {
                        Report(DiagnosticDescriptors.PassesWhenMissing, node.GetLocation(), id, tested.ToString());
                        return;
                    }
                }
            }

            /// <summary>The nullable value an operand tests for null (<c>v is null</c>, <c>v == null</c>, <c>!v.HasValue</c>), or null.</summary>
            private static ExpressionSyntax? NullTested(ExpressionSyntax operand, SemanticModel semantic)
            {
                var expression = Unparenthesized(operand);
                var candidate = expression switch
                {
                    IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax literal } } pattern
                        when literal.IsKind(SyntaxKind.NullLiteralExpression) => pattern.Expression,
                    BinaryExpressionSyntax equals when equals.IsKind(SyntaxKind.EqualsExpression) && equals.Right.IsKind(SyntaxKind.NullLiteralExpression) => equals.Left,
                    BinaryExpressionSyntax equals when equals.IsKind(SyntaxKind.EqualsExpression) && equals.Left.IsKind(SyntaxKind.NullLiteralExpression) => equals.Right,
                    PrefixUnaryExpressionSyntax { Operand: MemberAccessExpressionSyntax access } negation
                        when negation.IsKind(SyntaxKind.LogicalNotExpression) && access.Name.Identifier.ValueText == "HasValue" => access.Expression,
                    _ => null,
                };
                return candidate is not null && IsNullableValue(candidate, semantic) ? candidate : null;
            }

            private static bool IsNullableValue(ExpressionSyntax expression, SemanticModel semantic) =>
                semantic.GetTypeInfo(expression).Type is INamedTypeSymbol type && type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

            private static bool IsRelational(BinaryExpressionSyntax comparison) =>
                comparison.IsKind(SyntaxKind.LessThanExpression) || comparison.IsKind(SyntaxKind.LessThanOrEqualExpression)
                || comparison.IsKind(SyntaxKind.GreaterThanExpression) || comparison.IsKind(SyntaxKind.GreaterThanOrEqualExpression);

            private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
            {
                while (expression is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized.Expression;
                }

                return expression;
            }

            private static bool IsGuardrailProperty(ISymbol member, out string accessibility)
            {
                accessibility = "";
                if (member is not IPropertySymbol property
                    || property.Type.ToDisplayString() != Ns + "Guardrail"
                    || property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not PropertyDeclarationSyntax syntax)
                {
                    return false;
                }

                var accessors = syntax.AccessorList?.Accessors;
                var getterOnly = accessors is { Count: 1 } list && list[0].IsKind(SyntaxKind.GetAccessorDeclaration)
                                 && list[0].Body is null && list[0].ExpressionBody is null;
                if (!property.IsStatic || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || !getterOnly)
                {
                    return false;
                }

                accessibility = string.Join(" ", syntax.Modifiers
                    .Where(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword)
                                || m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword))
                    .Select(m => m.Text));
                return true;
            }

            /// <summary>The member's XML doc summary as plain text, read from the trivia so it works without GenerateDocumentationFile.</summary>
            private string Rationale(ISymbol member)
            {
                var syntax = member.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellation);
                if (syntax is null)
                {
                    return "";
                }

                var lines = syntax.GetLeadingTrivia().ToFullString()
                    .Split('\n')
                    .Select(l => l.Trim())
                    .Where(l => l.StartsWith("///", StringComparison.Ordinal))
                    .Select(l => l.Substring(3));
                try
                {
                    var summary = XElement.Parse("<doc>" + string.Join("\n", lines) + "</doc>").Element("summary");
                    if (summary is null)
                    {
                        return "";
                    }

                    foreach (var reference in summary.Descendants().Where(e => e.Name == "see" || e.Name == "paramref" || e.Name == "typeparamref").ToList())
                    {
                        var text = (string?)reference.Attribute("cref") ?? (string?)reference.Attribute("langword") ?? (string?)reference.Attribute("name") ?? "";
                        reference.ReplaceWith(text.Length > 2 && text[1] == ':' ? text.Substring(2) : text);
                    }

                    return Regex.Replace(summary.Value, @"\s+", " ").Trim();
                }
                catch (System.Xml.XmlException)
                {
                    return "";
                }
            }

            private (string Name, double Value)? OneOf(AttributeData attribute, string id, Location location, params string[] names)
            {
                var set = names.Select(n => (Name: n, Value: NamedDouble(attribute, n))).Where(x => x.Value is not null).ToList();
                if (set.Count != 1)
                {
                    Report(DiagnosticDescriptors.InvalidThresholds, location, id,
                        $"must set exactly one of {string.Join(", ", names)}{(set.Count > 1 ? $", but sets {string.Join(" and ", set.Select(x => x.Name))}" : "")}");
                    return null;
                }

                return (set[0].Name, set[0].Value!.Value);
            }

            private void CheckPercentile(double percentile, string id, Location location)
            {
                if (!(percentile > 0 && percentile < 100))
                {
                    Report(DiagnosticDescriptors.PercentileOutOfRange, location, Format(percentile), id);
                }
            }

            /// <summary>The repeated measurement a rollback threshold declares, or null when it leaves that to the watch (Measurements = 0).</summary>
            private MeasurementSpec? Measurement(AttributeData attribute, string id, Location location)
            {
                var count = Named(attribute, "Measurements") is int declared ? declared : 0;
                if (count == 0)
                {
                    return null;
                }

                CheckPositive(count, "Measurements", id, location);
                var spec = new MeasurementSpec(
                    count,
                    Named(attribute, "MeasurementIntervalSeconds") is int interval ? interval : 60,
                    Named(attribute, "FailureLimit") is int failures ? failures : 0,
                    Named(attribute, "InconclusiveLimit") is int inconclusive ? inconclusive : 0,
                    Named(attribute, "ConsecutiveErrorLimit") is int errors ? errors : 4,
                    Named(attribute, "ConsecutiveSuccessLimit") is int successes ? successes : 0);
                // -1 is Argo's "no limit" for failures and inconclusive measurements; nothing lower means anything.
                foreach (var (name, value, lowest) in new[]
                         {
                             ("MeasurementIntervalSeconds", spec.IntervalSeconds, 0), ("FailureLimit", spec.FailureLimit, -1),
                             ("InconclusiveLimit", spec.InconclusiveLimit, -1), ("ConsecutiveErrorLimit", spec.ConsecutiveErrorLimit, 0),
                             ("ConsecutiveSuccessLimit", spec.ConsecutiveSuccessLimit, 0),
                         })
                {
                    if (value < lowest)
                    {
                        Report(DiagnosticDescriptors.InvalidThresholds, location, id, $"sets {name} to {value}; expected {(lowest == 0 ? "0 or more" : "0 or more, or -1 for no limit")}");
                    }
                }

                if (spec.ConsecutiveSuccessLimit > spec.Count)
                {
                    Report(DiagnosticDescriptors.InvalidThresholds, location, id, $"sets ConsecutiveSuccessLimit {spec.ConsecutiveSuccessLimit} above its {spec.Count} Measurements; it could never be reached");
                }

                if (spec.FailureLimit == -1 && spec.ConsecutiveSuccessLimit == 0)
                {
                    Report(DiagnosticDescriptors.InvalidThresholds, location, id, "sets FailureLimit = -1 (no limit) without a ConsecutiveSuccessLimit; no measurement could fail the canary");
                }

                return spec;
            }

            private void CheckPositive(double value, string name, string id, Location location)
            {
                if (!(value > 0))
                {
                    Report(DiagnosticDescriptors.NonPositiveLimit, location, id, name, Format(value));
                }
            }

            private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
                _diagnostics.Add(new DiagnosticInfo(descriptor, location, arguments.ToEquatableArray()));

            private static string? KindOf(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString() switch
            {
                Ns + "LatencyBudgetAttribute" => "LatencyBudget",
                Ns + "CostCeilingAttribute" => "CostCeiling",
                Ns + "QualityFloorAttribute" => "QualityFloor",
                Ns + "RollbackThresholdAttribute" => "RollbackThreshold",
                Ns + "ComplianceGateAttribute" => "ComplianceGate",
                Ns + "ProbeBudgetAttribute" => "ProbeBudget",
                Ns + "GuardrailAttribute" => "Custom",
                _ => null,
            };

            private static object? Named(AttributeData attribute, string name)
            {
                foreach (var pair in attribute.NamedArguments)
                {
                    if (pair.Key == name)
                    {
                        return pair.Value.Value;
                    }
                }

                return null;
            }

            /// <summary>A double named argument, or null when unset or NaN (the attributes' "unset").</summary>
            private static double? NamedDouble(AttributeData attribute, string name) =>
                Named(attribute, name) switch
                {
                    double d when !double.IsNaN(d) => d,
                    int i => i,
                    _ => null,
                };

            private static T? Constructor<T>(AttributeData attribute, int index) =>
                attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is T value ? value : default;

            private static Location MemberLocation(ISymbol member) => member.Locations.FirstOrDefault() ?? Location.None;

            private static Location? AttributeLocation(AttributeData attribute, SyntaxNode? fallback) =>
                attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback?.GetLocation();

            internal static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

            /// <summary><c>InteractiveP95</c> → <c>interactive-p95</c>, <c>PIIReview</c> → <c>pii-review</c>.</summary>
            internal static string KebabCase(string name)
            {
                var builder = new System.Text.StringBuilder();
                for (var i = 0; i < name.Length; i++)
                {
                    var c = name[i];
                    if (char.IsUpper(c) && i > 0)
                    {
                        var previous = name[i - 1];
                        var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                        if (char.IsLower(previous) || char.IsDigit(previous) || char.IsUpper(previous) && nextIsLower)
                        {
                            builder.Append('-');
                        }
                    }

                    builder.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
                }

                return builder.ToString();
            }

            internal static string StagesText(int stages) =>
                string.Join(", ", StageNames.Where((_, i) => (stages & (1 << i)) != 0));
        }
    }
}
