using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PolicyEngine.Gate.Writers;

/// <summary>How enum values and figures are spelled in every output: the kebab-case of the JSON record, invariant numbers.</summary>
public static class Words
{
    /// <summary>The enum value as the JSON record spells it, e.g. <c>rollback-threshold</c>.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The stage, or <c>unknown</c>.</summary>
    public static string Of(Stages? stage) => stage is { } s && s != Stages.None ? Of(s) : "unknown";

    /// <summary>The first 12 hex digits of a <c>sha256:</c> fingerprint: enough to tell policy versions apart at a glance.</summary>
    public static string Short(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var hex = fingerprint.StartsWith("sha256:", StringComparison.Ordinal) ? fingerprint["sha256:".Length..] : fingerprint;
        return hex[..Math.Min(12, hex.Length)];
    }

    /// <summary>A figure with at most four decimals, or empty.</summary>
    public static string Number(double? value) => value switch
    {
        null => "",
        { } v when double.IsPositiveInfinity(v) => "∞",
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// <paramref name="text"/> safe to show anywhere — a terminal, XML, Markdown, a CI log: control characters
    /// (terminal escape sequences among them), bidirectional overrides and unpaired surrogates are written as
    /// visible escapes like <c>\u001B</c>, so data can neither break the output nor drive the terminal.
    /// </summary>
    public static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? "";
        }

        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (NeedsEscape(c))
            {
                result.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>As <see cref="Printable"/>, but line breaks kept: for messages laid out on several lines.</summary>
    public static string PrintableLines(string? text) =>
        string.Join('\n', (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Printable));

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFFFE' or '\uFFFF';
}
