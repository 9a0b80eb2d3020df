namespace PolicyEngine.Documents;

/// <summary>
/// An input file that cannot be used as it is. The message names the file, where in it (row, column or
/// field), what was found and what was expected, so the person who owns the file can fix it.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="location"/> in <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="location">Where in the file: a row, column or field; empty for the whole file.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="inner">The underlying error, when there is one.</param>
    public InputException(string path, string location, string problem, Exception? inner = null)
        : base(Compose(path, location, problem), inner)
    {
        Path = path;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Where in the file; empty for the whole file.</summary>
    public string Location { get; }

    /// <summary>What is wrong and what was expected.</summary>
    public string Problem { get; }

    private static string Compose(string path, string location, string problem) =>
        location.Length == 0 ? $"{path}: {problem}" : $"{path}: {location}: {problem}";
}
