using Microsoft.AspNetCore.Http;
namespace PolicyEngine.Cli.Serve;

/// <summary>A request the server will not act on: answered with <paramref name="status"/> and a problem+json body saying why.</summary>
/// <param name="status">The HTTP status.</param>
/// <param name="title">What kind of refusal, in a few words.</param>
/// <param name="detail">What was wrong and what was expected, naming the field.</param>
internal sealed class RequestRefused(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public static RequestRefused BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);
}
