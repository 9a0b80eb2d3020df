using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PolicyEngine.Gate.Inputs.Prometheus;

/// <summary>
/// The HTTP side of the Prometheus source: one client per trust and retry setting (connections are pooled and
/// reused across measurements), each request retried with exponential backoff and jitter on transient failures
/// through <c>Microsoft.Extensions.Http.Resilience</c>, and the credentials and headers the settings name.
/// </summary>
public static class PrometheusHttp
{
    private static readonly ConcurrentDictionary<string, HttpClient> Clients = new(StringComparer.Ordinal);

    /// <summary>The client for <paramref name="settings"/>: the same one for the same CA file, retries and timeout.</summary>
    /// <exception cref="InputException">The CA file cannot be read or holds no certificate.</exception>
    public static HttpClient Client(PrometheusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var key = string.Create(CultureInfo.InvariantCulture, $"{settings.CaFile}|{settings.Retries}|{settings.TimeoutSeconds}");
        if (Clients.TryGetValue(key, out var client))
        {
            return client;
        }

        // Built outside GetOrAdd so that a bad CA file is an error for this call, not a poisoned cache entry.
        return Clients.GetOrAdd(key, Create(settings));
    }

    /// <summary>A query request carrying the settings' credentials and headers; the secrets are read from their files now.</summary>
    /// <exception cref="InputException">A secret file cannot be read or is empty.</exception>
    public static HttpRequestMessage Request(PrometheusSettings settings, Uri address)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        foreach (var (name, value) in settings.Headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (settings.BearerTokenFile is { } tokenFile)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret(tokenFile, "bearerTokenFile"));
        }
        else if (settings.BasicAuth is { Username: { } user, PasswordFile: { } passwordFile })
        {
            var password = Secret(passwordFile, "basicAuth.passwordFile");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return request;
    }

    private static HttpClient Create(PrometheusSettings settings)
    {
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, settings.TimeoutSeconds)),
        };
        if (settings.CaFile is { } caFile)
        {
            var authorities = Authorities(caFile);
            sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, authorities);
        }

        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (settings.Retries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            });
        }

        pipeline.AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        // The resilience pipeline bounds each attempt; the measurement's deadline bounds them all (a cancellation token).
        return new HttpClient(new ResilienceHandler(pipeline.Build()) { InnerHandler = sockets }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>A server certificate is trusted when it chains to one of <paramref name="authorities"/> and names the host.</summary>
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    private static X509Certificate2Collection Authorities(string caFile)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InputException(caFile, "caFile", $"cannot be read as PEM certificates: {e.Message}", e);
        }

        return authorities.Count > 0 ? authorities : throw new InputException(caFile, "caFile", "holds no certificate; expected PEM certificate authorities");
    }

    private static string Secret(string path, string field)
    {
        string secret;
        try
        {
            secret = File.ReadLines(path).FirstOrDefault()?.Trim() ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, field, $"cannot be read: {e.Message}", e);
        }

        return secret.Length > 0 ? secret : throw new InputException(path, field, "is empty; expected the secret on its first line");
    }
}
