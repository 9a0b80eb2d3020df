using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    public sealed partial class GuardrailGenerator
    {
        internal sealed partial class Parser
        {
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
        }
    }
}
