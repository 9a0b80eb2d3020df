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
        console.MarkupLine($"[bold]{Markup.Escape(release)}[/] · stage [bold]{Words.Of(record.Stage)}[/] · policy {Markup.Escape(record.Policy.Name)} [dim]{Words.Short(record.Policy.Fingerprint)}[/]");
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
                    new Text(f.GuardrailId),
                    new Text(f.Slice),
                    new Text(Words.Number(f.Observed)),
                    new Text(Words.Number(f.Threshold)),
                    new Text(f.SampleCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                    new Text(f.Reason));
            }

            console.Write(table);
        }

        foreach (var score in record.Scores)
        {
            console.MarkupLine($"[bold]{Markup.Escape(score.Describe())}[/]: {Markup.Escape(score.DescribeGroups())}");
        }

        foreach (var error in record.Errors)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
        }

        console.MarkupLine($"[{Color(record.Verdict)} bold]{record.Verdict.ToString().ToUpperInvariant()}[/] {Markup.Escape(record.Reason)} [dim](exit {record.ExitCode})[/]");
        console.MarkupLine($"[dim]decision {record.DecisionId} recorded in {Markup.Escape(recordPath)}[/]");
    }

    /// <summary>The same report without colour, as text for a file.</summary>
    public static string Plain(DecisionRecord record, string recordPath)
    {
        using var writer = new StringWriter();
        Write(PlainConsole(writer, 160), record, recordPath);
        return writer.ToString();
    }

    /// <summary>A console that writes plain text, no colour or cursor codes, at a fixed width: for files and tests.</summary>
    public static IAnsiConsole PlainConsole(TextWriter writer, int width)
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
