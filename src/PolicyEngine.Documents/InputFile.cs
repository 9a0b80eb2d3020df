using System.Security.Cryptography;

namespace PolicyEngine.Documents;

/// <summary>What the decision record says about one input file: which file, exactly which bytes, how much of it.</summary>
/// <param name="Kind">What the file is: telemetry, prometheus, evaluation-report, evidence, trust, rollout, probe, decision-record.</param>
/// <param name="Path">The path as given.</param>
/// <param name="Sha256">SHA-256 of the file's bytes, lower-case hex.</param>
/// <param name="Rows">Rows or items read from it.</param>
public sealed record InputFile(string Kind, string Path, string Sha256, long Rows)
{
    /// <summary>Fails with an <see cref="InputException"/> when the file is missing or empty, and hashes it.</summary>
    public static string CheckAndHash(string path)
    {
        Check(path);
        return Hash(path);
    }

    /// <summary>Fails with an <see cref="InputException"/> when the path is missing, a directory, or an empty file.</summary>
    public static void Check(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputException(path, "", "is a directory; expected a file");
        }

        if (!File.Exists(path))
        {
            throw new InputException(path, "", "file not found");
        }

        try
        {
            if (new FileInfo(path).Length == 0)
            {
                throw new InputException(path, "", "file is empty");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, "", $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public static string Hash(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, "", $"cannot be read: {e.Message}", e);
        }
    }
}
