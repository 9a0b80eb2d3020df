namespace PolicyEngine.TestSupport;

/// <summary>The repository the tests run from: docs and samples they compare against live there.</summary>
internal static class Repository
{
    /// <summary>The folder holding PolicyEngine.sln, found upward from the test output.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PolicyEngine.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PolicyEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
