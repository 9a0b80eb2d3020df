using System.Text;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Cli;

/// <summary>
/// stderr as the terminal should see it: messages quote data (a bad value, a file name), and data may hold
/// terminal escape sequences; every line is made printable (<see cref="Words.Printable"/>), line breaks kept.
/// </summary>
internal sealed class PrintableWriter(TextWriter inner) : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => Write(value.ToString());

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        var lines = value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var carriage = line.EndsWith('\r') && i < lines.Length - 1;
            inner.Write(Words.Printable(carriage ? line[..^1] : line));
            inner.Write(carriage ? "\r\n" : i < lines.Length - 1 ? "\n" : "");
        }
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();
}
