using Spectre.Console;

namespace PolicyEngine.Cli;

/// <summary>The process entry point.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    public static int Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // CI logs and pipes have no width: a hard wrap would split what a line says, and grep would miss it.
            AnsiConsole.Console.Profile.Width = TextReport.Unwrapped;
        }

        try
        {
            return CliApp.Run(args, AnsiConsole.Console, Console.Error);
        }
        catch (Exception e)
        {
            // The last line of defence: whatever escaped is an error (exit 4), said in one line, never a pass or a stack trace.
            Console.Error.WriteLine($"policyengine: error: {e.GetType().Name}: {Gate.Writers.Words.Printable(e.Message)}");
            return ExitCodes.Error;
        }
    }
}
