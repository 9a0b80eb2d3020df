using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace PolicyEngine.Generators.Model
{
    /// <summary>A source location as plain values: the model must not hold a syntax tree.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        /// <summary>The 1-based line.</summary>
        public int Line => LineSpan.Start.Line + 1;

        public static LocationInfo From(Location location) =>
            new(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }
}
