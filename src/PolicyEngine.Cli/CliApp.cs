using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        using var host = BuildHost(console, error);
        var root = new RootCommand("PolicyEngine gates the rollout of AI models: guardrails written in C# judge telemetry, evaluation reports and signed evidence.")
        {
            host.Services.GetRequiredService<GateCommand>().Command,
            host.Services.GetRequiredService<ValidateCommand>().Command,
            host.Services.GetRequiredService<DocsCommand>().Command,
            host.Services.GetRequiredService<EvidenceCommand>().Command,
            host.Services.GetRequiredService<ProbeCommand>().Command,
            host.Services.GetRequiredService<WatchCommand>().Command,
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"policyengine: {problem.Message}");
            }

            error.WriteLine("Run 'policyengine --help' (or 'policyengine <command> --help') for usage.");
            return ExitCodes.Usage;
        }

        // Ctrl-C cancels the token System.CommandLine hands to the command, as does the caller's token.
        return parse.InvokeAsync(new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = error }, cancel).GetAwaiter().GetResult();
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
        builder.Services.Configure<PolicyEngine.Gate.Inputs.PrometheusSettings>(builder.Configuration.GetSection("Prometheus"));
        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton(new ErrorWriter(error));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GateCommand>();
        builder.Services.AddSingleton<ValidateCommand>();
        builder.Services.AddSingleton<DocsCommand>();
        builder.Services.AddSingleton<EvidenceCommand>();
        builder.Services.AddSingleton<ProbeCommand>();
        builder.Services.AddSingleton<WatchCommand>();
        return builder.Build();
    }
}

/// <summary>stderr, as a service.</summary>
/// <param name="Writer">The writer.</param>
public sealed record ErrorWriter(TextWriter Writer);
