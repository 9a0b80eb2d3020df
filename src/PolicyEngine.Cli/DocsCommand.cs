using System.CommandLine;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine docs</c>: write a pack's rule docs (Markdown) for auditors.</summary>
public sealed class DocsCommand
{
    private readonly PackOptions _pack = new();
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write the docs to this file instead of the console." };
    private readonly Option<string> _format = new("--format") { Description = "markdown (default), json, or html (one self-contained page).", DefaultValueFactory = _ => "markdown" };
    private readonly ErrorWriter _error;

    /// <summary>Creates the command.</summary>
    public DocsCommand(ErrorWriter error)
    {
        _error = error;
        _format.AcceptOnlyFromAmong("markdown", "json", "html");
        Command = new Command("docs", "Write a policy pack's rule docs: every guardrail, what it demands, who owns it and why, the build it came from and its source.") { _output, _format };
        foreach (var option in _pack.All)
        {
            Command.Options.Add(option);
        }

        Command.SetAction(Run);
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private int Run(ParseResult parse)
    {
        if (_pack.Problem(parse) is { } usage)
        {
            _error.Writer.WriteLine($"policyengine docs: {usage}");
            return ExitCodes.Usage;
        }

        try
        {
            var pack = _pack.Load(parse);
            var docs = parse.GetValue(_format) switch
            {
                "json" => Gate.Writers.RuleDocsWriter.Write(pack),
                "html" => Gate.Writers.RuleDocsWriter.Html(pack),
                _ => Gate.Writers.RuleDocsWriter.Markdown(pack),
            };
            if (parse.GetValue(_output) is { } output)
            {
                File.WriteAllText(output.FullName, docs);
                parse.InvocationConfiguration.Output.WriteLine($"wrote {output}");
            }
            else
            {
                parse.InvocationConfiguration.Output.Write(docs);
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException)
        {
            _error.Writer.WriteLine($"policyengine docs: error: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
