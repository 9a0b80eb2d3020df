using Microsoft.AspNetCore.Http;
namespace PolicyEngine.Cli.Serve;

/// <summary>
/// The one folder a request may name files in. A path is relative to it and must stay inside it: no absolute
/// paths, no <c>..</c> that climbs out, no symbolic link that leads out.
/// </summary>
internal sealed class DataRoot
{
    private readonly string _root;

    public DataRoot(string path)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"the data root {_root} does not exist");
        }

        // The root itself may be reached through links; what it contains is judged against where it really is.
        _root = Real(_root);
    }

    public string FullPath => _root;

    /// <summary>The file <paramref name="relative"/> names, or a refusal naming <paramref name="field"/>.</summary>
    public string Resolve(string? relative, string field)
    {
        if (string.IsNullOrWhiteSpace(relative))
        {
            throw RequestRefused.BadRequest($"{field}: the path is empty; give a path relative to the server's data root");
        }

        if (relative.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(relative) || relative.StartsWith('~'))
        {
            throw Outside(field, relative);
        }

        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!Inside(full))
        {
            throw Outside(field, relative);
        }

        // A link inside the root may point anywhere: follow every link on the way and judge where it ends.
        if (!Inside(Real(full)))
        {
            throw Outside(field, relative);
        }

        return full;
    }

    private bool Inside(string full) =>
        full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static RequestRefused Outside(string field, string relative) =>
        new(StatusCodes.Status400BadRequest, "Path outside the data root", $"{field}: '{Gate.Writers.Words.Printable(relative)}' is not inside the server's data root; give a path relative to it, without '..' that leaves it");

    /// <summary>The path with every symbolic link on it resolved, as far as the path exists.</summary>
    private static string Real(string full)
    {
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (!info.Exists)
            {
                current = next;
                continue;
            }

            current = info.LinkTarget is null ? next : Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next);
        }

        return current;
    }
}
