using System.Diagnostics;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// Runs the command in a process of its own, for what in-process runs cannot show: a native library bound once
/// per process, or bytes piped to standard input.
/// </summary>
internal static class CliProcess
{
    public static (int Exit, string Output, string Error) Run(string[] args, string? standardInputFile = null, (string Name, string Value)? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove(ProbeOptions.OnnxRuntimeEnvironment);
        if (environment is var (name, value))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInputFile is not null)
        {
            using var file = File.OpenRead(standardInputFile);
            file.CopyTo(process.StandardInput.BaseStream);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
