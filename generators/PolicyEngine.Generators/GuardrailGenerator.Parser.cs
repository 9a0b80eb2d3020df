using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyEngine.Generators.Model;
using PolicyEngine.Specs;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        /// <summary>Turns a [GuardrailPolicy] class into a model and diagnostics. The only place that touches Roslyn symbols.</summary>
        internal sealed partial class Parser
        {
            private const string Ns = "PolicyEngine.";
            private static readonly Regex IdPart = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
            private static readonly string[] StageNames = { "offline", "canary", "full" };

            private readonly List<DiagnosticInfo> _diagnostics = new();
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
                Ns + "ThroughputFloorAttribute", Ns + "GainBreadthAttribute", Ns + "BenchmarkCoverageAttribute",
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
                var context = new PolicyContext(name, owner, groups);
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

                    var guardrail = ParseGuardrail(context, member, attributes[0]);
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

                var bins = Named(attribute, "CalibrationBins") is int declaredBins ? declaredBins : 0;
                if (Named(attribute, "CalibrationBins") is not null && !(bins >= 2 && bins <= 1000))
                {
                    Report(DiagnosticDescriptors.InvalidCalibrationBins, AttributeLocation(attribute, syntax) ?? syntax.Identifier.GetLocation(), name,
                        $"sets CalibrationBins = {bins}; expected 2 to 1000 equal-width confidence bins (10 is the usual choice)");
                    bins = 0;
                }

                var ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
                return new PolicyModel(ns, type.Name, name, owner ?? "", guardrails.ToEquatableArray(), groups.ToEquatableArray(), pass, marginal, Rationale(type), bins);
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
                        Report(DiagnosticDescriptors.UnnamedGroup, at, policy, "declares a metric group without a name");
                    }
                    else if (groups.Any(g => g.Name == name))
                    {
                        Report(DiagnosticDescriptors.DuplicateGroup, at, policy, $"declares the metric group '{name}' twice");
                    }
                    else if (!(weight > 0) || double.IsInfinity(weight))
                    {
                        Report(DiagnosticDescriptors.InvalidWeight, at, policy, $"gives the metric group '{name}' the weight {Format(weight)}; expected a number greater than 0");
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

            private GuardrailModel? ParseGuardrail(PolicyContext policy, ISymbol member, AttributeData attribute)
            {
                var kind = KindOf(attribute)!.Value;
                var location = MemberLocation(member);
                var local = Named(attribute, "Id") as string ?? KebabCase(member.Name);
                if (!IdPart.IsMatch(local))
                {
                    Report(DiagnosticDescriptors.InvalidId, AttributeLocation(attribute, null) ?? location, local, "guardrail id");
                    return null;
                }

                var id = $"{policy.Name}/{local}";
                var accessibility = "";
                if (kind == GuardrailKind.Custom)
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
                var stages = Named(attribute, "Stages") is int declared ? (Stages)declared : kind == GuardrailKind.RollbackThreshold ? Stages.Canary : Stages.All;
                if ((stages & Stages.All) == Stages.None)
                {
                    Report(DiagnosticDescriptors.NoStages, AttributeLocation(attribute, null) ?? location, id);
                }

                var levers = Named(attribute, "Levers") is int declaredLevers ? (Levers)declaredLevers & Levers.All : Levers.All;
                if (levers == Levers.None)
                {
                    Report(DiagnosticDescriptors.NoLevers, AttributeLocation(attribute, null) ?? location, id);
                }

                var owner = Named(attribute, "Owner") as string ?? policy.Owner;
                if (string.IsNullOrWhiteSpace(owner))
                {
                    Report(DiagnosticDescriptors.MissingOwner, location, id);
                }

                var spec = kind == GuardrailKind.Custom
                    ? ParseCustom(id, (IMethodSymbol)member, location)
                    : ParseSpec(kind, id, attribute, AttributeLocation(attribute, null) ?? location, policy);
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
                var missingDefault = kind == GuardrailKind.ComplianceGate ? MissingData.Fail : MissingData.Inconclusive;
                var whenMissing = Named(attribute, "WhenMissing") is int wm ? (MissingData)wm : missingDefault;
                return new GuardrailModel(id, member.Name, accessibility, severity, stages & Stages.All, whenMissing, owner!, rationale,
                    LocationInfo.From(location), spec, levers);
            }

            /// <summary>The slice every typed kind shares, checked once; then the kind's own parsing (one file per kind).</summary>
            private GuardrailSpec? ParseSpec(GuardrailKind kind, string id, AttributeData attribute, Location location, PolicyContext policy)
            {
                var slice = Named(attribute, "Slice") as string ?? Slices.All;
                if (slice.Trim().Length == 0)
                {
                    Report(DiagnosticDescriptors.EmptySlice, location, id);
                    return null;
                }

                var context = new GuardrailContext(id, attribute, location, slice, policy);
                return kind switch
                {
                    GuardrailKind.LatencyBudget => ParseLatencyBudget(context),
                    GuardrailKind.CostCeiling => ParseCostCeiling(context),
                    GuardrailKind.QualityFloor => ParseQualityFloor(context),
                    GuardrailKind.RollbackThreshold => ParseRollbackThreshold(context),
                    GuardrailKind.ComplianceGate => ParseComplianceGate(context),
                    GuardrailKind.ProbeBudget => ParseProbeBudget(context),
                    GuardrailKind.ThroughputFloor => ParseThroughputFloor(context),
                    GuardrailKind.GainBreadth => ParseGainBreadth(context),
                    GuardrailKind.BenchmarkCoverage => ParseBenchmarkCoverage(context),
                    _ => null,
                };
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

            private void CheckPositive(double value, string name, string id, Location location)
            {
                if (!(value > 0))
                {
                    Report(DiagnosticDescriptors.NonPositiveLimit, location, id, name, Format(value));
                }
            }

            private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
                _diagnostics.Add(new DiagnosticInfo(descriptor, location, arguments.ToEquatableArray()));

            private static GuardrailKind? KindOf(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString() switch
            {
                Ns + "LatencyBudgetAttribute" => GuardrailKind.LatencyBudget,
                Ns + "CostCeilingAttribute" => GuardrailKind.CostCeiling,
                Ns + "QualityFloorAttribute" => GuardrailKind.QualityFloor,
                Ns + "RollbackThresholdAttribute" => GuardrailKind.RollbackThreshold,
                Ns + "ComplianceGateAttribute" => GuardrailKind.ComplianceGate,
                Ns + "ProbeBudgetAttribute" => GuardrailKind.ProbeBudget,
                Ns + "GuardrailAttribute" => GuardrailKind.Custom,
                Ns + "ThroughputFloorAttribute" => GuardrailKind.ThroughputFloor,
                Ns + "GainBreadthAttribute" => GuardrailKind.GainBreadth,
                Ns + "BenchmarkCoverageAttribute" => GuardrailKind.BenchmarkCoverage,
                _ => null,
            };

            /// <summary>What parsing a policy class's guardrails needs to know of the class: passed along, never kept in fields.</summary>
            /// <param name="Name">The policy's name.</param>
            /// <param name="Owner">Its owner, the default of its guardrails'.</param>
            /// <param name="Groups">Its metric groups, which rollback thresholds may score in.</param>
            private sealed record PolicyContext(string Name, string? Owner, List<MetricGroupModel> Groups);

            /// <summary>One typed guardrail being parsed.</summary>
            /// <param name="Id">Its id, <c>policy/guardrail</c>.</param>
            /// <param name="Attribute">Its attribute.</param>
            /// <param name="Location">Where diagnostics point.</param>
            /// <param name="Slice">Its slice, already checked.</param>
            /// <param name="Policy">The policy class it belongs to.</param>
            private readonly record struct GuardrailContext(string Id, AttributeData Attribute, Location Location, string Slice, PolicyContext Policy);

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
