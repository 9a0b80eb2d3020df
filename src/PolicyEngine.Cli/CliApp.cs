using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyEngine.Gate.Inputs.Prometheus;
using Spectre.Console;

namespace PolicyEngine.Cli;

/// <summary>The <c>policyengine</c> command line: a host for configuration and services, System.CommandLine for the verbs.</summary>
public static class CliApp
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="console">Where results go (stdout).</param>
    /// <param name="error">Where problems go (stderr).</param>
    /// <param name="cancel">Stops a long command (as Ctrl-C does) with what it has so far.</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        error = new PrintableWriter(error);
        if (EmptyValue(args) is { } empty)
        {
            error.WriteLine($"policyengine: {empty}");
            error.WriteLine("Run 'policyengine --help' (or 'policyengine <command> --help') for usage.");
            return ExitCodes.Usage;
        }

        IHost host;
        RootCommand root;
        try
        {
            host = BuildHost(console, error);
            root = new RootCommand("PolicyEngine gates the rollout of AI models: guardrails written in C# judge telemetry, evaluation reports and signed evidence.")
            {
                host.Services.GetRequiredService<GateCommand>().Command,
                host.Services.GetRequiredService<ValidateCommand>().Command,
                host.Services.GetRequiredService<DocsCommand>().Command,
                host.Services.GetRequiredService<EvidenceCommand>().Command,
                host.Services.GetRequiredService<ProbeCommand>().Command,
                host.Services.GetRequiredService<WatchCommand>().Command,
                host.Services.GetRequiredService<Serve.ServeCommand>().Command,
                host.Services.GetRequiredService<RecordsCommand>().Command,
                host.Services.GetRequiredService<WaiversCommand>().Command,
                host.Services.GetRequiredService<DiffCommand>().Command,
                host.Services.GetRequiredService<AdviseCommand>().Command,
            };
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // A malformed policyengine.json, or a setting of the wrong type (Prometheus:RangeSeconds = "soon").
            error.WriteLine($"policyengine: the configuration cannot be read ({ConfigurationFiles}): {Messages(e)}");
            return ExitCodes.Usage;
        }

        using var _ = host;
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (InvalidOperationException e)
        {
            // System.CommandLine throws, rather than reports, a value its type cannot hold.
            error.WriteLine($"policyengine: {Plain(e.Message)}");
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"policyengine: {Plain(problem.Message)}");
            }

            error.WriteLine("Run 'policyengine --help' (or 'policyengine <command> --help') for usage.");
            return ExitCodes.Usage;
        }

        // serve exports through its host; any other command through a provider that lives as long as the run.
        using var telemetry = parse.CommandResult.Command.Name == "serve" || parse.CommandResult.Parent is CommandResult { Command.Name: "serve" } ? null : CliTelemetry.Start();

        // Ctrl-C cancels the token System.CommandLine hands to the command, as does the caller's token.
        return parse.InvokeAsync(new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = error }, cancel).GetAwaiter().GetResult();
    }

    /// <summary>
    /// A parse error in words: System.CommandLine names the .NET type a value did not fit
    /// ("as expected type 'System.Nullable`1[System.Int32]'"); a user wants to hear what to give.
    /// </summary>
    internal static string Plain(string message)
    {
        var typed = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'\.?$", System.Text.RegularExpressions.RegexOptions.Singleline);
        if (!typed.Success)
        {
            return message;
        }

        var type = typed.Groups["type"].Value;
        var expected = type.Contains("Int32", StringComparison.Ordinal) ? $"a whole number from {int.MinValue} to {int.MaxValue}"
            : type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) ? "a number, e.g. 0.5"
            : type.Contains("DateTimeOffset", StringComparison.Ordinal) ? "a time in ISO 8601, e.g. 2026-11-02T09:00:00Z"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "a value of another form";
        return $"{typed.Groups["option"].Value}: '{typed.Groups["value"].Value}' is not {expected}";
    }

    /// <summary>The files configuration is read from, for messages.</summary>
    private static string ConfigurationFiles =>
        $"{Path.Combine(AppContext.BaseDirectory, "appsettings.json")}, {Path.Combine(Directory.GetCurrentDirectory(), "policyengine.json")} and POLICYENGINE_ variables";

    /// <summary>An exception's message and its causes', which name the file, line and setting.</summary>
    private static string Messages(Exception e) =>
        string.Join(": ", Chain(e).Select(x => x.Message.TrimEnd('.')).Distinct());

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>The problem with an empty argument (<c>--telemetry ''</c>), naming the option it was given to, or null.</summary>
    private static string? EmptyValue(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(args[i]))
            {
                return i > 0 && args[i - 1].StartsWith('-')
                    ? $"{args[i - 1]}: the value is empty; give a value, or leave the option out"
                    : $"argument {i + 1} is empty; expected a command, an option or a value";
            }
        }

        return null;
    }

    private static IHost BuildHost(IAnsiConsole console, TextWriter error)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "policyengine.json"), optional: true)
            .AddEnvironmentVariables("POLICYENGINE_");
        builder.Logging.ClearProviders().AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Services.Configure<GateSettings>(builder.Configuration.GetSection("Gate"));
        builder.Services.Configure<PrometheusSettings>(builder.Configuration.GetSection("Prometheus"));
        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton(new ErrorWriter(error));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GateCommand>();
        builder.Services.AddSingleton<ValidateCommand>();
        builder.Services.AddSingleton<DocsCommand>();
        builder.Services.AddSingleton<EvidenceCommand>();
        builder.Services.AddSingleton<ProbeCommand>();
        builder.Services.AddSingleton<WatchCommand>();
        builder.Services.AddSingleton<Serve.ServeCommand>();
        builder.Services.AddSingleton<RecordsCommand>();
        builder.Services.AddSingleton<WaiversCommand>();
        builder.Services.AddSingleton<DiffCommand>();
        builder.Services.AddSingleton<AdviseCommand>();
        return builder.Build();
    }
}

/// <summary>stderr, as a service.</summary>
/// <param name="Writer">The writer.</param>
public sealed record ErrorWriter(TextWriter Writer);
