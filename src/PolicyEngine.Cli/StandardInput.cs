namespace PolicyEngine.Cli;

/// <summary>
/// Telemetry piped in (<c>--telemetry -</c>): DuckDB reads files, and a file's extension says its format, so
/// standard input is copied once, whole, to <c>standard-input.&lt;format&gt;</c> in a folder of its own. The
/// loader names that file in errors and hashes it for the record; the folder is removed when the process exits.
/// </summary>
public static class StandardInput
{
    /// <summary>The name that means standard input.</summary>
    public const string Name = "-";

    /// <summary>Copies standard input to a file with the extension of <paramref name="format"/> and returns its path.</summary>
    /// <exception cref="InputException">Standard input is a terminal rather than a pipe, or cannot be copied.</exception>
    public static string ToFile(string format)
    {
        if (!Console.IsInputRedirected)
        {
            // Waiting for someone to type a telemetry file would look like a hang.
            throw new InputException(Name, "", "standard input is a terminal; pipe the telemetry in (… | policyengine gate --telemetry - --telemetry-format csv)");
        }

        try
        {
            var folder = Directory.CreateTempSubdirectory("policyengine-stdin-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder);
            var path = Path.Combine(folder, $"standard-input.{format}");
            using (var input = Console.OpenStandardInput())
            using (var file = File.Create(path))
            {
                input.CopyTo(file);
            }

            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(Name, "", $"standard input could not be copied to a temporary file: {e.Message}", e);
        }
    }

    private static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the exit must not fail over it.
        }
    }
}
