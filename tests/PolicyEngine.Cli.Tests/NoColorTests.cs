using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// NO_COLOR (no-color.org): on a terminal the report is coloured, and with NO_COLOR set it has no colour at all
/// (bold and dim stay: they are not colour). A terminal is needed to see colour, so the command runs under
/// <c>script</c>, which gives it a pseudo-terminal.
/// </summary>
[TestClass]
public sealed partial class NoColorTests
{
    [TestMethod]
    [DataRow("gate --sample", "(exit 0)")]
    [DataRow("validate --telemetry missing.csv", "missing.csv")]
    public void NoColor_RemovesEveryColour_ThatATerminalOtherwiseGets(string arguments, string said)
    {
        using var cli = new Cli();

        var coloured = OnATerminal(cli, arguments, noColor: false);
        var plain = OnATerminal(cli, arguments, noColor: true);

        Assert.IsTrue(Colour().IsMatch(coloured), $"a terminal gets colour without NO_COLOR: {coloured}");
        Assert.IsFalse(Colour().IsMatch(plain), $"NO_COLOR leaves no colour: {plain}");
        Assert.Contains(said, Sgr().Replace(coloured, ""));
        Assert.Contains(said, Sgr().Replace(plain, ""), "the same report, without colour");
    }

    private static string OnATerminal(Cli cli, string arguments, bool noColor)
    {
        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Inconclusive("util-linux's script is needed to give the command a terminal");
        }

        var records = arguments.StartsWith("gate", StringComparison.Ordinal) ? $" --record-dir '{cli.PathOf(noColor ? "plain" : "coloured")}'" : "";
        var command = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Cli.dll")}' {arguments}{records}";

        var start = new ProcessStartInfo("/usr/bin/script", ["-qec", command, "/dev/null"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = cli.Root,
        };
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "200";
        start.Environment.Remove("NO_COLOR");
        if (noColor)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Result + error;
    }

    /// <summary>An SGR sequence that sets a foreground or background colour (30–37, 90–97, 38;…, 40–47, 100–107, 48;…).</summary>
    [GeneratedRegex(@"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7]|4[0-8]|10[0-7])(?:;[0-9;]*)?m")]
    private static partial Regex Colour();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Sgr();
}
