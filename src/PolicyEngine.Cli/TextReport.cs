using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;
using PolicyEngine.Gate.Writers;
using Spectre.Console;

namespace PolicyEngine.Cli;

/// <summary>The decision as a person reads it in a terminal: the verdict and why, a table of findings, where the record is.</summary>
public static class TextReport
{
    /// <summary>Writes the report to the console.</summary>
    public static void Write(IAnsiConsole console, DecisionRecord record, string recordPath)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(record);
        var release = record.Release is { } r ? $"{r.Model} {r.Version} ({Words.Of(r.Lever)})" : "release";
        console.WriteLine();
        console.MarkupLine($"[bold]{Show(release)}[/] · stage [bold]{Words.Of(record.Stage)}[/] · policy {Show(record.Policy.Name)} [dim]{Words.Short(record.Policy.Fingerprint)}[/]");
        if (record.Findings.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Outcome").AddColumn("Guardrail").AddColumn("Slice")
                .AddColumn(new TableColumn("Observed").RightAligned()).AddColumn(new TableColumn("Threshold").RightAligned())
                .AddColumn(new TableColumn("Samples").RightAligned()).AddColumn("Reason");
            foreach (var f in record.Findings)
            {
                table.AddRow(
                    new Markup($"[{Color(f.Outcome)}]{Words.Of(f.Outcome)}[/]" + (f.Severity == Severity.Block ? "" : $" [dim]({Words.Of(f.Severity)})[/]")),
                    new Text(Words.Printable(f.GuardrailId)),
                    new Text(Words.Printable(f.Slice)),
                    new Text(Words.Number(f.Observed)),
                    new Text(Words.Number(f.Threshold)),
                    new Text(f.SampleCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                    new Text(Words.Printable(f.Reason)));
            }

            console.Write(table);
        }

        foreach (var score in record.Scores)
        {
            console.MarkupLine($"[bold]{Show(score.Describe())}[/]: {Show(score.DescribeGroups())}");
        }

        foreach (var waiver in record.Waivers)
        {
            var color = waiver.Status switch { "applied" => "grey", "refused" => "red", _ => "yellow" };
            console.MarkupLine($"[{color}]waiver {Show(waiver.Status)}:[/] {Show(waiver.Guardrail)} ({Show(waiver.Ticket)}, {Show(waiver.Approver)}): {Show(waiver.Detail)}");
        }

        foreach (var error in record.Errors)
        {
            console.MarkupLine($"[red]error:[/] {Show(error)}");
        }

        console.MarkupLine($"[{Color(record.Verdict)} bold]{record.Verdict.ToString().ToUpperInvariant()}[/] {Show(record.Reason)} [dim](exit {record.ExitCode})[/]");
        console.MarkupLine($"[dim]decision {record.DecisionId} recorded in {Show(recordPath)}[/]");
    }

    /// <summary>
    /// The width given to output that is not a terminal (a pipe, a file, a CI log): wide enough that nothing is
    /// hard-wrapped, so what a line says never depends on where the checkout lies or how long a path is.
    /// </summary>
    public const int Unwrapped = 1 << 16;

    /// <summary>Data made safe for the terminal and for Spectre markup.</summary>
    public static string Show(string text) => Markup.Escape(Words.PrintableLines(text));

    /// <summary>The same report without colour, as text for a file.</summary>
    public static string Plain(DecisionRecord record, string recordPath)
    {
        using var writer = new StringWriter();
        Write(PlainConsole(writer), record, recordPath);
        return writer.ToString();
    }

    /// <summary>A console that writes plain text, no colour or cursor codes, and never wraps (<see cref="Unwrapped"/>) unless given a width: for files, pipes and tests.</summary>
    public static IAnsiConsole PlainConsole(TextWriter writer, int width = Unwrapped)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }

    private static string Color(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "green",
        Outcome.Fail => "red",
        Outcome.Inconclusive => "yellow",
        Outcome.Waived => "grey",
        _ => "magenta",
    };

    private static string Color(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "green",
        Verdict.Warn or Verdict.Hold => "yellow",
        _ => "red",
    };
}
