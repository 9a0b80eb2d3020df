using System.Security.Cryptography;
using System.Text;

namespace PolicyEngine.Cli.Serve;

/// <summary>
/// The tokens that may call the API, kept as SHA-256 hashes (a stolen token file lets no one in), compared in
/// constant time. The file holds one <c>sha256:&lt;64 hex digits&gt;</c> per line; blank lines and <c>#</c> comments are skipped.
/// </summary>
internal sealed class BearerTokens
{
    private const string Prefix = "sha256:";
    private readonly List<byte[]> _hashes;

    private BearerTokens(List<byte[]> hashes) => _hashes = hashes;

    public static BearerTokens None { get; } = new([]);

    public int Count => _hashes.Count;

    /// <summary>Reads a token file; an unreadable line is an error naming the file and line.</summary>
    public static BearerTokens Load(string path)
    {
        var hashes = new List<byte[]>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || line.Length != Prefix.Length + 64 || !line[Prefix.Length..].All(char.IsAsciiHexDigit))
            {
                throw new InputException(path, $"line {number}", $"expected sha256:<64 hex digits>, the SHA-256 of a token (store hashes, not tokens: 'policyengine serve hash-token' prints one)");
            }

            hashes.Add(Convert.FromHexString(line[Prefix.Length..]));
        }

        return hashes.Count > 0 ? new BearerTokens(hashes) : throw new InputException(path, "tokens", "the file holds no token hash; without one no caller could be let in");
    }

    /// <summary>The line a token file holds for <paramref name="token"/>.</summary>
    public static string Hash(string token) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Whether the <c>Authorization</c> header carries one of the tokens: <c>Bearer &lt;token&gt;</c>, or
    /// <c>Basic</c> with the token as the password (any user name) — what a client that cannot set headers sends for
    /// credentials in its URL, as Flagger's Go HTTP client does for <c>http://flagger:&lt;token&gt;@host/…</c>.
    /// </summary>
    public bool Admits(string? authorization)
    {
        if (Token(authorization) is not { Length: > 0 } token)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var admitted = false;
        foreach (var known in _hashes)
        {
            // Every hash is compared, so the time taken says nothing about which one nearly matched.
            admitted |= CryptographicOperations.FixedTimeEquals(hash, known);
        }

        return admitted;
    }

    private static string? Token(string? authorization)
    {
        if (authorization is null)
        {
            return null;
        }

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
