using System.Collections;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Tests;

/// <summary>Who ran a gate and where, read from the variables each CI system sets.</summary>
[TestClass]
public sealed class RunContextTests
{
    [TestMethod]
    public void GitHubActions()
    {
        var run = RunContext.Detect(Env(("GITHUB_ACTIONS", "true"), ("GITHUB_ACTOR", "octocat"), ("GITHUB_SERVER_URL", "https://github.example"),
            ("GITHUB_REPOSITORY", "contoso/guardrails"), ("GITHUB_RUN_ID", "42"), ("GITHUB_WORKFLOW", "release"), ("GITHUB_SHA", "abc123"), ("GITHUB_REF", "refs/heads/main")), "runner", "host-1");

        Assert.AreEqual("octocat", run.Actor);
        Assert.AreEqual("host-1", run.Host);
        Assert.AreEqual(new CiRun("github-actions", "contoso/guardrails", "release", "42", "https://github.example/contoso/guardrails/actions/runs/42", "abc123", "refs/heads/main"), run.Ci);
    }

    [TestMethod]
    public void GitLabCi()
    {
        var run = RunContext.Detect(Env(("GITLAB_CI", "true"), ("GITLAB_USER_LOGIN", "dev"), ("CI_PROJECT_PATH", "ml/guardrails"), ("CI_JOB_NAME", "gate"),
            ("CI_PIPELINE_ID", "7"), ("CI_JOB_URL", "https://gitlab.example/ml/guardrails/-/jobs/9"), ("CI_COMMIT_SHA", "def456"), ("CI_COMMIT_REF_NAME", "main")), null, "h");

        Assert.AreEqual("dev", run.Actor);
        Assert.AreEqual(new CiRun("gitlab-ci", "ml/guardrails", "gate", "7", "https://gitlab.example/ml/guardrails/-/jobs/9", "def456", "main"), run.Ci);
    }

    [TestMethod]
    public void AzurePipelines()
    {
        var run = RunContext.Detect(Env(("TF_BUILD", "True"), ("BUILD_REQUESTEDFOREMAIL", "dev@contoso.example"), ("SYSTEM_COLLECTIONURI", "https://dev.example/contoso/"),
            ("SYSTEM_TEAMPROJECT", "ML Platform"), ("BUILD_BUILDID", "314"), ("BUILD_REPOSITORY_NAME", "guardrails"), ("BUILD_DEFINITIONNAME", "gate"),
            ("BUILD_SOURCEVERSION", "0a1b"), ("BUILD_SOURCEBRANCH", "refs/heads/main")), null, "h");

        Assert.AreEqual("dev@contoso.example", run.Actor);
        Assert.AreEqual("https://dev.example/contoso/ML%20Platform/_build/results?buildId=314", run.Ci!.Url);
        Assert.AreEqual("azure-pipelines", run.Ci.System);
    }

    [TestMethod]
    public void Jenkins()
    {
        var run = RunContext.Detect(Env(("JENKINS_URL", "https://ci.example/"), ("BUILD_URL", "https://ci.example/job/gate/5/"), ("BUILD_NUMBER", "5"), ("JOB_NAME", "gate"),
            ("GIT_COMMIT", "feed"), ("GIT_BRANCH", "origin/main")), "jenkins", "h");

        Assert.AreEqual("jenkins", run.Actor, "no user named by the job: the process's user");
        Assert.AreEqual(new CiRun("jenkins", null, "gate", "5", "https://ci.example/job/gate/5/", "feed", "origin/main"), run.Ci);
    }

    [TestMethod]
    public void OutsideCi_TheUserAndHost()
    {
        var run = RunContext.Detect(Env(("GITHUB_ACTIONS", "")), "alice", "laptop");

        Assert.AreEqual(new RunContext("alice", "laptop", null, null), run);
    }

    private static Hashtable Env(params (string Name, string Value)[] variables)
    {
        var table = new Hashtable();
        foreach (var (name, value) in variables)
        {
            table[name] = value;
        }

        return table;
    }
}
