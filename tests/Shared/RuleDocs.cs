namespace PolicyEngine.TestSupport;

/// <summary>A pack's checked-in rule docs (docs/rules/), held to what the generator writes from the code today.</summary>
internal static class RuleDocs
{
    /// <summary>
    /// Asserts docs/rules/<paramref name="pack"/>.md is <paramref name="docs"/>; with POLICYENGINE_UPDATE_RULE_DOCS=1
    /// it writes them first (docs/rules/README.md).
    /// </summary>
    public static void AssertCheckedIn(string pack, string docs)
    {
        var path = Path.Combine(Repository.Root, "docs", "rules", pack + ".md");
        if (Environment.GetEnvironmentVariable("POLICYENGINE_UPDATE_RULE_DOCS") == "1")
        {
            File.WriteAllText(path, docs);
        }

        Assert.IsTrue(File.Exists(path), $"{path} is missing; write it with the pack's RuleDocs (see docs/rules/README.md)");
        Assert.AreEqual(docs, File.ReadAllText(path).ReplaceLineEndings("\n"), $"docs/rules/{pack}.md is out of date: regenerate it (see docs/rules/README.md)");
    }
}
