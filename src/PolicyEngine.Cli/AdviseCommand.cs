using System.CommandLine;
using PolicyEngine.Gate.Advising;
using PolicyEngine.Gate.Writers;

namespace PolicyEngine.Cli;

/// <summary><c>policyengine advise</c>: which lever to pull, from two or more options' evidence and costs (docs/advise.md).</summary>
public sealed class AdviseCommand
{
    private readonly Argument<FileInfo> _options = new("options") { Description = "The options file (JSON, docs/schemas/advise-options.schema.json): each option's lever, telemetry, evaluation report and costs; the business's volume, the worth of a correct answer, the targets." };
    private readonly Option<string> _format = new("--format") { Description = "text, markdown, json or html.", DefaultValueFactory = _ => "text" };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write to this file instead of the console." };
    private readonly ErrorWriter _error;

    /// <summary>Creates the command.</summary>
    public AdviseCommand(ErrorWriter error)
    {
        _error = error;
        _format.AcceptOnlyFromAmong("text", "markdown", "json", "html");
        Command = new Command("advise", "Weigh two or more options — scale, architecture, data curation or hybrid — on cost per correct answer, P95, slice gains and a scenario analysis at 100, 50 and 10 % of the projected lift, in the framework's decision order; recommend one, with reasons and what would change it. Exit 0 with a recommendation, 4 when the inputs cannot support one.")
        {
            _options, _format, _output,
        };
        Command.SetAction(Run);
    }

    /// <summary>The System.CommandLine command.</summary>
    public Command Command { get; }

    private int Run(ParseResult parse)
    {
        Advice advice;
        try
        {
            advice = Advisor.Advise(parse.GetValue(_options)!.FullName);
        }
        catch (InputException e)
        {
            _error.Writer.WriteLine($"policyengine advise: error: {e.Message}");
            return ExitCodes.Error;
        }

        var text = parse.GetValue(_format) switch
        {
            "markdown" => AdviceWriter.Markdown(advice),
            "json" => AdviceWriter.Json(advice),
            "html" => AdviceWriter.Html(advice),
            _ => AdviceWriter.Text(advice),
        };
        try
        {
            if (parse.GetValue(_output) is { } output)
            {
                File.WriteAllText(output.FullName, text);
            }
            else
            {
                parse.InvocationConfiguration.Output.Write(text);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error.Writer.WriteLine($"policyengine advise: error: cannot write the output: {e.Message}");
            return ExitCodes.Error;
        }

        foreach (var problem in advice.Unsupported)
        {
            _error.Writer.WriteLine($"policyengine advise: cannot recommend: {Words.Printable(problem)}");
        }

        return advice.ExitCode;
    }
}
