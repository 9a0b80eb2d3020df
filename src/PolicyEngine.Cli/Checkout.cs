namespace PolicyEngine.Cli;

/// <summary>The source checkout a command runs in: the nearest folder above the working directory that holds <c>.git</c>.</summary>
internal static class Checkout
{
    /// <summary>
    /// The checkout's root, or null outside one. <c>.git</c> may be a folder or, in a worktree or submodule, a file;
    /// either marks the root. A folder that cannot be read ends the search: no root is better than a wrong one.
    /// </summary>
    public static string? Root(string workingDirectory)
    {
        try
        {
            for (var folder = new DirectoryInfo(workingDirectory); folder is not null; folder = folder.Parent)
            {
                var marker = Path.Combine(folder.FullName, ".git");
                if (Directory.Exists(marker) || File.Exists(marker))
                {
                    return folder.FullName;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
        }

        return null;
    }
}
