using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PolicyEngine.Gate;

namespace PolicyEngine.Cli;

/// <summary>
/// OpenTelemetry for a command-line run: when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the gate's spans and
/// instruments are exported with OTLP (the standard <c>OTEL_EXPORTER_OTLP_*</c> variables choose protocol and
/// headers), and flushed before the process exits. Unset, nothing is collected. <c>serve</c> sets up its own.
/// </summary>
internal sealed class CliTelemetry : IDisposable
{
    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private CliTelemetry(TracerProvider traces, MeterProvider metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    /// <summary>Whether OTLP export is asked for.</summary>
    public static bool Configured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));

    /// <summary>The resource every export names: this tool and its version.</summary>
    public static ResourceBuilder Resource() => ResourceBuilder.CreateDefault().AddService("policyengine", serviceVersion: GateRun.ToolVersion);

    /// <summary>Starts exporting, or returns null when no endpoint is configured.</summary>
    public static CliTelemetry? Start() => Configured
        ? new CliTelemetry(
            Sdk.CreateTracerProviderBuilder().SetResourceBuilder(Resource()).AddSource(GateTelemetry.Name).AddOtlpExporter().Build(),
            Sdk.CreateMeterProviderBuilder().SetResourceBuilder(Resource()).AddMeter(GateTelemetry.Name).AddOtlpExporter().Build())
        : null;

    public void Dispose()
    {
        // A run lasts about a second: export what it recorded now, not at the next periodic export.
        _traces.ForceFlush(5000);
        _metrics.ForceFlush(5000);
        _traces.Dispose();
        _metrics.Dispose();
    }
}
