using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Inputs.Telemetry;

namespace PolicyEngine.Cli.Serve;

/// <summary>Everything <c>policyengine serve</c> was started with, resolved and checked.</summary>
internal sealed record ServeSettings
{
    /// <summary>The packs, by name.</summary>
    public required IReadOnlyDictionary<string, PolicyPack> Packs { get; init; }

    public required DataRoot DataRoot { get; init; }

    /// <summary>The local directory inline documents are staged in (<c>inputs/</c>), whichever store keeps the records.</summary>
    public required string RecordDirectory { get; init; }

    /// <summary>Where decision records and their log are kept: the directory, or a database every replica shares.</summary>
    public required Gate.Records.DecisionStore Store { get; init; }

    /// <summary>The addresses to listen on, e.g. http://127.0.0.1:8080.</summary>
    public required IReadOnlyList<string> Urls { get; init; }

    public BearerTokens Tokens { get; init; } = BearerTokens.None;

    /// <summary>The server's trust file: evidence is judged against it, never against one a request brings.</summary>
    public string? TrustPath { get; init; }

    /// <summary>Telemetry from Prometheus, for requests that name no telemetry file; null: none configured.</summary>
    public Func<PolicyPack, string, DateTimeOffset, TimeSpan?, CancellationToken, TelemetryFacts>? Prometheus { get; init; }

    /// <summary>The largest request body accepted; requests name files rather than carry telemetry, so a megabyte is plenty.</summary>
    public long MaxRequestBytes { get; init; } = 1 << 20;

    /// <summary>How long one gate may load and judge. Argo's web metric and Flagger's webhooks wait 10 s by default.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Gates judged at once; more wait in the queue.</summary>
    public int MaxConcurrent { get; init; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Gates that may wait; beyond them a request is refused with 429.</summary>
    public int QueueLimit { get; init; } = 100;

    /// <summary>Whether every address is loopback: only then may the server run without tokens.</summary>
    public bool LoopbackOnly => Urls.All(IsLoopback);

    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase));
}
