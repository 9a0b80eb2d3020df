using System.CommandLine;
using PolicyEngine.Gate.Writers;
using PolicyEngine.Probe;
using Spectre.Console;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine probe</c>: measure a model with ONNX Runtime and write the probe result the gate reads.</summary>
public sealed class ProbeCommand
{
    private readonly Argument<FileInfo> _model = new("model") { Description = "The candidate model (.onnx)." };
    private readonly ProbeOptions _probe = new("--");
    private readonly Option<FileInfo> _output = new("--output", "-o") { Description = "Where to write the probe result (JSON).", DefaultValueFactory = _ => new FileInfo("probe-result.json") };
    private readonly IAnsiConsole _console;
    private readonly ErrorWriter _error;

    /// <summary>Creates the command.</summary>
    public ProbeCommand(IAnsiConsole console, ErrorWriter error)
    {
        _console = console;
        _error = error;
        Command = new Command("probe", "Run the model with ONNX Runtime and measure it per batch size: P50/P95/P99 latency, throughput, memory, agreement with a baseline, cost. Ctrl-C stops and keeps what was measured, marked incomplete. Exit 0 when complete, 4 on an error or when stopped.")
        {
            _model, _output,
        };
        foreach (var option in _probe.All)
        {
            Command.Options.Add(option);
        }

        Command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    /// <summary>Runs the probe with a progress display where someone watches; shared with <c>gate</c>'s in-place probe.</summary>
    public static ProbeResultDocument Measure(IAnsiConsole console, ProbeSettings settings, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (!console.Profile.Capabilities.Interactive)
        {
            return ModelProbe.Run(settings, null, cancel);
        }

        return console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask($"probing {Path.GetFileName(settings.ModelPath)}", maxValue: 1);
            var progress = new Progress<ProbeProgress>(p =>
            {
                task.Description = $"batch {p.BatchSize}: {p.Phase} {p.Done}/{p.Total}";
                task.Value = (double)p.Done / p.Total;
            });
            return ModelProbe.Run(settings, progress, cancel);
        });
    }

    private int Run(ParseResult parse, CancellationToken cancel)
    {
        var settings = _probe.Settings(parse, parse.GetValue(_model)!.ToString());
        ProbeResultDocument result;
        try
        {
            result = Measure(_console, settings, cancel);
        }
        catch (ProbeException e)
        {
            _error.Writer.WriteLine($"policyengine probe: error: {e.Message}");
            return ExitCodes.Error;
        }

        var output = parse.GetValue(_output)!;
        try
        {
            File.WriteAllText(output.FullName, ProbeResultJson.Write(result));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error.Writer.WriteLine($"policyengine probe: error: cannot write {output}: {e.Message}");
            return ExitCodes.Error;
        }

        Report(_console, result, output.ToString());
        if (result.Complete != true)
        {
            _error.Writer.WriteLine($"policyengine probe: stopped before the end; {result.Measurements!.Count(m => m.Complete == true)} batch sizes measured in full, the result is marked incomplete");
            return ExitCodes.Error;
        }

        return ExitCodes.Ok;
    }

    private static void Report(IAnsiConsole console, ProbeResultDocument result, string path)
    {
        var provider = result.ProviderUsed == result.ProviderRequested ? result.ProviderUsed : $"{result.ProviderUsed} (asked: {result.ProviderRequested})";
        console.MarkupLine($"[bold]{TextReport.Show(result.Model!.Path!)}[/] on [bold]{TextReport.Show(provider!)}[/]{(result.Device?.Name is { } name ? $" · {TextReport.Show(name)}" : "")} · ONNX Runtime {TextReport.Show(result.OnnxRuntimeVersion!)}");
        if (result.FallbackReason is { } reason)
        {
            console.MarkupLine($"[yellow]fell back to the CPU:[/] {TextReport.Show(reason)}");
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("Batch")
            .AddColumn(new TableColumn("P50 ms").RightAligned()).AddColumn(new TableColumn("P95 ms").RightAligned()).AddColumn(new TableColumn("P99 ms").RightAligned())
            .AddColumn(new TableColumn("Items/s").RightAligned()).AddColumn(new TableColumn("Agreement").RightAligned()).AddColumn(new TableColumn("Max |Δ|").RightAligned())
            .AddColumn(new TableColumn("USD/1k").RightAligned()).AddColumn("Complete");
        foreach (var m in result.Measurements!)
        {
            table.AddRow(
                m.BatchSize!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Words.Number(m.P50Ms), Words.Number(m.P95Ms), Words.Number(m.P99Ms), Words.Number(m.Throughput),
                Words.Number(m.Agreement), Words.Number(m.MaxAbsDiff), Words.Number(m.UsdPer1kInferences),
                m.Complete == true ? "yes" : $"no ({m.Iterations} runs)");
        }

        console.Write(table);
        console.MarkupLine($"[dim]peak process memory {result.PeakProcessMemoryBytes / (1024 * 1024)} MiB{(result.PeakDeviceMemoryBytes is { } device ? $", device memory {device / (1024 * 1024)} MiB" : "")} · result written to {TextReport.Show(path)}[/]");
    }
}
