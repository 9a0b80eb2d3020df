using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PolicyEngine.Generators.Model;

namespace PolicyEngine.Generators
{
    /// <summary>
    /// Builds <see cref="StubModel"/>s: a partial guardrail property the generator rejected still gets an
    /// implementation — one that throws — so the author sees the PE error alone, not a CS9248 beside it.
    /// </summary>
    internal static class Stubs
    {
        /// <summary>The stubs for <paramref name="members"/> of <paramref name="type"/>, or null when there are none or the type cannot take them.</summary>
        public static StubModel? For(INamedTypeSymbol type, IEnumerable<ISymbol> members, string hintName)
        {
            var properties = members.Select(Implementation).Where(p => p is not null).Select(p => p!).Distinct().ToList();
            var containers = Containers(type);
            if (properties.Count == 0 || containers is null)
            {
                return null;
            }

            var ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
            return new StubModel(hintName, ns, containers.ToEquatableArray(), properties.ToEquatableArray());
        }

        /// <summary>A throwing implementation of a partial, getter-only property, or null for any other member.</summary>
        private static string? Implementation(ISymbol member)
        {
            if (member is not IPropertySymbol property
                || property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not PropertyDeclarationSyntax syntax
                || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
                || syntax.AccessorList?.Accessors is not { Count: 1 } accessors
                || !accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration)
                || accessors[0].Body is not null || accessors[0].ExpressionBody is not null)
            {
                return null;
            }

            var modifiers = string.Join(" ", syntax.Modifiers.Select(m => m.Text));
            var type = property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var message = SymbolDisplay.FormatLiteral($"{property.ContainingType.Name}.{property.Name} did not compile into a guardrail: see the PolicyEngine (PE) error on it", quote: true);
            return $"{modifiers} {type} {property.Name} {{ get => throw new global::System.InvalidOperationException({message}); }}";
        }

        /// <summary>The partial declarations enclosing a member, outermost first; null when one of them is not partial.</summary>
        private static List<string>? Containers(INamedTypeSymbol type)
        {
            var chain = new List<string>();
            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not TypeDeclarationSyntax syntax
                    || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return null;
                }

                var keyword = syntax is RecordDeclarationSyntax record
                    ? "record" + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? " struct" : "")
                    : syntax.Keyword.Text;
                chain.Insert(0, $"{(t.IsStatic ? "static " : "")}partial {keyword} {t.Name}{syntax.TypeParameterList}");
            }

            return chain;
        }
    }
}
