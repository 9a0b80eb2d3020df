using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace PolicyEngine.Generators
{
    /// <summary>How values are spelled in the C# and XML docs the generator writes: one place for each.</summary>
    internal static class Literals
    {
        /// <summary>A C# string literal.</summary>
        public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>A C# double literal that round-trips (<c>0.1d</c>).</summary>
        public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

        /// <summary>Text inside an XML doc comment.</summary>
        public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
