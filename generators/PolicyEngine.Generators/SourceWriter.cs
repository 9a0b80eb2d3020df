using System.Text;

namespace PolicyEngine.Generators
{
    /// <summary>
    /// The one writer every emitter builds source with: it keeps the indentation, so no emitter counts spaces.
    /// <see cref="Open"/> writes a header and a brace and indents; <see cref="Close"/> undoes it.
    /// </summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new();
        private int _depth;

        /// <summary>Writes a line at the current indentation; an empty line has no indentation.</summary>
        public SourceWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                _text.Append(' ', _depth * 4).Append(line);
            }

            _text.Append('\n');
            return this;
        }

        /// <summary>Writes <paramref name="header"/> and <c>{</c>, then indents.</summary>
        public SourceWriter Open(string header) => Line(header).Line("{").Indent();

        /// <summary>Outdents and writes <c>}</c>, followed by <paramref name="after"/> (e.g. <c>;</c>).</summary>
        public SourceWriter Close(string after = "") => Outdent().Line("}" + after);

        /// <summary>Indents what follows by one level.</summary>
        public SourceWriter Indent()
        {
            _depth++;
            return this;
        }

        /// <summary>Outdents what follows by one level.</summary>
        public SourceWriter Outdent()
        {
            _depth--;
            return this;
        }

        /// <inheritdoc/>
        public override string ToString() => _text.ToString();
    }
}
