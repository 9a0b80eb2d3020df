namespace PolicyEngine.Gate.Tests;

/// <summary>The repository is its own reference: nothing in it cites a design document that is not in it.</summary>
[TestClass]
public sealed class SelfContainedTests
{
    [TestMethod]
    public void NoSourceOrDoc_CitesDesignMd()
    {
        var citing = Directory.EnumerateFiles(Repository.Root, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".md", StringComparison.Ordinal))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git"))
            .Where(path => File.ReadAllText(path).Contains("DESIGN" + ".md", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .ToList();

        Assert.IsEmpty(citing, "cite docs/ instead: " + string.Join(", ", citing));
    }
}
