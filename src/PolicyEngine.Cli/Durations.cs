using System.CommandLine.Parsing;
using System.Globalization;

namespace PolicyEngine.Cli;

/// <summary>Durations on the command line: 30s, 5m, 1h or hh:mm:ss; anything else, or more than a year, is a usage error.</summary>
public static class Durations
{
    /// <summary>The longest duration accepted: longer ones are mistakes (and 1e300h would overflow).</summary>
    public static TimeSpan Longest { get; } = TimeSpan.FromDays(366);

    /// <summary>A System.CommandLine custom parser for <paramref name="option"/>.</summary>
    public static Func<ArgumentResult, TimeSpan> Parser(string option, bool positive = false) => result =>
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Parse(text) is { } span && span <= Longest && (!positive || span > TimeSpan.Zero))
        {
            return span;
        }

        result.AddError($"{option}: '{text}' is not a duration{(positive ? " above zero" : "")} of at most 366 days; expected e.g. 30s, 5m, 1h or 00:00:30");
        return default;
    };

    /// <summary>The duration <paramref name="text"/> says, or null.</summary>
    public static TimeSpan? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            var seconds = text[^1] switch
            {
                's' => amount,
                'm' => amount * 60,
                'h' => amount * 3600,
                _ => double.NaN,
            };

            // Checked before TimeSpan sees it: TimeSpan.FromHours(1e300) throws.
            return double.IsFinite(seconds) && seconds <= Longest.TotalSeconds ? TimeSpan.FromSeconds(seconds) : double.IsNaN(seconds) ? ParseClock(text) : TimeSpan.MaxValue;
        }

        return ParseClock(text);
    }

    private static TimeSpan? ParseClock(string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span : null;
}
