namespace PolicyEngine.Gate.Inputs.Telemetry;

/// <summary>
/// A path DuckDB reads as written. DuckDB expands glob characters in file paths with no way to escape them
/// (<see cref="TelemetryFormats.ReadAsWritten"/>); such a file is read through a link with a plain name in a
/// private temporary folder (or a copy, where links cannot be made), so the file judged is the file hashed.
/// </summary>
internal sealed class LiteralPath : IDisposable
{
    private readonly DirectoryInfo? _folder;

    private LiteralPath(string path, DirectoryInfo? folder)
    {
        Path = path;
        _folder = folder;
    }

    /// <summary>The full path to hand to DuckDB.</summary>
    public string Path { get; }

    /// <summary>The literal path for <paramref name="path"/>: itself when DuckDB reads it as written.</summary>
    /// <exception cref="InputException">No plain path could be made for it.</exception>
    public static LiteralPath For(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (TelemetryFormats.ReadAsWritten(full))
        {
            return new LiteralPath(full, null);
        }

        var folder = Directory.CreateTempSubdirectory("policyengine-");
        var plain = System.IO.Path.Combine(folder.FullName, "telemetry" + System.IO.Path.GetExtension(full).ToLowerInvariant());
        try
        {
            if (!TelemetryFormats.ReadAsWritten(plain))
            {
                throw new InputException(path, "", $"its name holds characters DuckDB would expand (* ? [ ] {{ }} ~), and the temporary folder {folder.FullName} does too; rename the file");
            }

            try
            {
                File.CreateSymbolicLink(plain, full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                File.Copy(full, plain);
            }

            return new LiteralPath(plain, folder);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            _folder?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the decision stands.
        }
    }
}
