namespace PolicyEngine.Cli.Tests;

/// <summary>Runs the policyengine command in process, the way a pipeline would call it, and captures what it says.</summary>
internal sealed class Cli : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "policyengine-cli-tests", Guid.NewGuid().ToString("N"));

    public Cli() => Directory.CreateDirectory(Root);

    public string Records => Path.Combine(Root, "decisions");

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Records of runs that finished (a pending record, stored before a run judges, is not one).</summary>
    public int FinishedRecords()
    {
        try
        {
            return Directory.Exists(Records)
                ? Directory.GetFiles(Records, "*.json").Count(f => !File.ReadAllText(f).Contains(global::PolicyEngine.Gate.Records.ErrorRecord.PendingReason, StringComparison.Ordinal))
                : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Does <paramref name="then"/> once the first run has finished (a source dying mid-canary), on a thread of
    /// its own: the watch's work may keep the thread pool busy, and the action must not wait for it.
    /// </summary>
    public void AfterFirstRecord(Action then)
    {
        new Thread(() =>
        {
            while (FinishedRecords() == 0)
            {
                Thread.Sleep(10);
            }

            then();
        }) { IsBackground = true }.Start();
    }

    /// <summary>Runs the command; gate runs store their record under <see cref="Records"/>.</summary>
    public Result Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>Runs the command until it ends or <paramref name="cancel"/> stops it, as Ctrl-C would.</summary>
    public Result Run(CancellationToken cancel, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = TextReport.PlainConsole(output);
        string[] all = args.Length > 0 && args[0] is "gate" or "watch" && !args.Contains("--record-store") ? [.. args, "--record-dir", Records] : args;
        var exit = CliApp.Run(all, console, error, cancel);
        return new Result(exit, output.ToString(), error.ToString(), Directory.Exists(Records) ? Directory.GetFiles(Records, "*.json").Order().ToList() : []);
    }

    /// <summary>Gates the sample pack, with the sample inputs unless replaced.</summary>
    public Result Gate(params string[] args) => Run(["gate", "--sample", .. args]);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>What a run did.</summary>
internal sealed record Result(int Exit, string Output, string Error, IReadOnlyList<string> Records)
{
    public Gate.Records.DecisionRecord Record => Gate.Records.DecisionRecordJson.Read(File.ReadAllText(Records.Single()));

    /// <summary>The last record, when a watch stored several.</summary>
    public Gate.Records.DecisionRecord Record2() => Gate.Records.DecisionRecordJson.Read(File.ReadAllText(Records[^1]));

    public override string ToString() => $"exit {Exit}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
