using System.CommandLine;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine docs</c>: write a pack's rule docs (Markdown) for auditors.</summary>
public sealed class DocsCommand
{
    private readonly PackOptions _pack = new();
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write the docs to this file instead of the console." };
    private readonly ErrorWriter _error;

    /// <summary>Creates the command.</summary>
    public DocsCommand(ErrorWriter error)
    {
        _error = error;
        Command = new Command("docs", "Write a policy pack's rule docs: every guardrail, what it demands, who owns it and why.") { _output };
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
            var docs = _pack.Load(parse).RuleDocs;
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
