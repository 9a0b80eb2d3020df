using Microsoft.Extensions.Hosting;
using PolicyEngine.Gate.Canary;

namespace PolicyEngine.Cli;

/// <summary>The hosted service that runs one canary watch and stops the host when it has decided.</summary>
public sealed class WatchService(WatchService.Job job, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            job.Result = await job.Watch.RunAsync(job.Store, job.Measured, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    /// <summary>What the service runs, and where its result lands.</summary>
    /// <param name="Watch">The watch.</param>
    /// <param name="Store">Where each measurement's record is kept.</param>
    /// <param name="Measured">Told of each measurement.</param>
    public sealed record Job(CanaryWatch Watch, Gate.Records.DecisionStore Store, Action<CanaryMeasurement> Measured)
    {
        /// <summary>The verdict, once the watch has decided.</summary>
        public CanaryResult? Result { get; set; }
    }
}
