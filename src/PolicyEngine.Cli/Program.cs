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
            // CI logs have no terminal width; 80 columns would fold every reason into a tall column.
            AnsiConsole.Console.Profile.Width = 160;
        }

        return CliApp.Run(args, AnsiConsole.Console, Console.Error);
    }
}
