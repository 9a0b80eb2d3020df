using System.Collections;

namespace PolicyEngine.Gate.Records;

/// <summary>
/// Who ran a gate, and where (docs/audit.md): the actor, the host, the CI run it was part of, and — for a gate
/// asked for over HTTP — the request that asked. Read from the standard variables each CI system sets; none of it
/// is trusted for a decision, it is what an auditor needs to find the run again.
/// </summary>
/// <param name="Actor">The user or account the CI system names, else the operating-system user.</param>
/// <param name="Host">The machine's name.</param>
/// <param name="Ci">The CI run, when the gate ran in one.</param>
/// <param name="Request">The HTTP request, when <c>policyengine serve</c> judged.</param>
public sealed record RunContext(string? Actor, string Host, CiRun? Ci, ServeRequest? Request)
{
    /// <summary>The context of this process, from its environment.</summary>
    public static RunContext FromEnvironment() => Detect(Environment.GetEnvironmentVariables(), Environment.UserName, Environment.MachineName);

    /// <summary>The context the variables describe: GitHub Actions, GitLab CI, Azure Pipelines or Jenkins, else none.</summary>
    /// <param name="variables">The environment.</param>
    /// <param name="user">The operating-system user, the actor when the CI system names none.</param>
    /// <param name="host">The machine's name.</param>
    public static RunContext Detect(IDictionary variables, string? user, string host)
    {
        ArgumentNullException.ThrowIfNull(variables);
        string? Get(string name) => variables[name] is string { Length: > 0 } value ? value : null;
        CiRun? ci = null;
        string? actor = null;
        if (Get("GITHUB_ACTIONS") == "true")
        {
            var server = Get("GITHUB_SERVER_URL");
            var repository = Get("GITHUB_REPOSITORY");
            var run = Get("GITHUB_RUN_ID");
            ci = new CiRun("github-actions", repository, Get("GITHUB_WORKFLOW"), run, server is not null && repository is not null && run is not null ? $"{server}/{repository}/actions/runs/{run}" : null, Get("GITHUB_SHA"), Get("GITHUB_REF"));
            actor = Get("GITHUB_ACTOR");
        }
        else if (Get("GITLAB_CI") == "true")
        {
            ci = new CiRun("gitlab-ci", Get("CI_PROJECT_PATH"), Get("CI_JOB_NAME"), Get("CI_PIPELINE_ID"), Get("CI_JOB_URL") ?? Get("CI_PIPELINE_URL"), Get("CI_COMMIT_SHA"), Get("CI_COMMIT_REF_NAME"));
            actor = Get("GITLAB_USER_LOGIN");
        }
        else if (string.Equals(Get("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var collection = Get("SYSTEM_COLLECTIONURI");
            var project = Get("SYSTEM_TEAMPROJECT");
            var build = Get("BUILD_BUILDID");
            ci = new CiRun("azure-pipelines", Get("BUILD_REPOSITORY_NAME"), Get("BUILD_DEFINITIONNAME"), build,
                collection is not null && project is not null && build is not null ? $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={build}" : null,
                Get("BUILD_SOURCEVERSION"), Get("BUILD_SOURCEBRANCH"));
            actor = Get("BUILD_REQUESTEDFOREMAIL") ?? Get("BUILD_REQUESTEDFOR");
        }
        else if (Get("JENKINS_URL") is not null)
        {
            ci = new CiRun("jenkins", Get("GIT_URL"), Get("JOB_NAME"), Get("BUILD_NUMBER"), Get("BUILD_URL"), Get("GIT_COMMIT"), Get("GIT_BRANCH"));
            actor = Get("BUILD_USER_ID");
        }

        return new RunContext(actor ?? (string.IsNullOrEmpty(user) ? null : user), host, ci, null);
    }
}

/// <summary>The CI run a gate was part of.</summary>
/// <param name="System">github-actions, gitlab-ci, azure-pipelines or jenkins.</param>
/// <param name="Repository">The repository built.</param>
/// <param name="Pipeline">The workflow, job or pipeline.</param>
/// <param name="Run">The run's id or number.</param>
/// <param name="Url">Where the run can be seen.</param>
/// <param name="Commit">The commit built.</param>
/// <param name="Ref">The branch or tag.</param>
public sealed record CiRun(string System, string? Repository, string? Pipeline, string? Run, string? Url, string? Commit, string? Ref);

/// <summary>The HTTP request a served gate answered.</summary>
/// <param name="Via">api, argo or flagger: the endpoint asked.</param>
/// <param name="Remote">The caller's address.</param>
/// <param name="Subject">What the controller named: for Flagger, the canary (name.namespace) and its webhook.</param>
public sealed record ServeRequest(string Via, string? Remote, string? Subject);
