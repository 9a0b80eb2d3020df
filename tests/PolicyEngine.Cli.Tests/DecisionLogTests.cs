using System.Diagnostics;
using System.Text.Json.Nodes;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The record directory as a tamper-evident log: <c>records verify</c> finds every kind of tampering and names
/// it, concurrent gates build one chain, and what a killed process leaves behind still verifies.
/// </summary>
[TestClass]
public sealed class DecisionLogTests
{
    [TestMethod]
    public void GatesBuildAChain_ThatVerifies()
    {
        using var cli = Gated(4);

        var verified = Verify(cli);

        Assert.AreEqual(0, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "intact: 4 records chained");
        var links = Records(cli).Select(r => r.Chain!).OrderBy(l => l.Sequence).ToList();
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4 }, links.Select(l => l.Sequence).ToArray());
        Assert.IsNull(links[0].Previous);
        Assert.IsTrue(links.Skip(1).All(l => l.Previous!.StartsWith("sha256:", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void AnEditedRecord_IsNamed()
    {
        using var cli = Gated(4);
        var second = File(cli, 2);
        System.IO.File.WriteAllText(second, System.IO.File.ReadAllText(second).Replace("\"verdict\": \"pass\"", "\"verdict\": \"pass\" ", StringComparison.Ordinal));

        var verified = Verify(cli);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, $"TAMPERED: {Path.GetFileName(second)} (sequence 2): does not hash to what the next record");
    }

    [TestMethod]
    public void AnEditedLastRecord_IsNamed_ByTheHead()
    {
        using var cli = Gated(3);
        var last = File(cli, 3);
        Edit(last, r => r["reason"] = "nothing to see");

        var verified = Verify(cli);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, $"{Path.GetFileName(last)} (sequence 3, the last): does not hash to what the head names");
    }

    [TestMethod]
    public void ARenamedRecord_IsNamed_ForHistoryGoesByName()
    {
        using var cli = Gated(3);
        var second = File(cli, 2);
        var renamed = Path.Combine(cli.Records, "20200101T000000Z-another-model-" + Path.GetFileName(second).Split('-')[^1]);
        System.IO.File.Move(second, renamed);

        var verified = Verify(cli);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, $"TAMPERED: {Path.GetFileName(renamed)}: is filed under another name than its content gives ({Path.GetFileName(second)})");
    }

    [TestMethod]
    public void ADeletedRecord_IsNamed()
    {
        using var cli = Gated(4);
        System.IO.File.Delete(File(cli, 2));

        var verified = Verify(cli);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "is sequence 3, but no record holds 2: deleted");
    }

    [TestMethod]
    public void DeletedLastRecords_AreNamed_ByTheHead()
    {
        using var cli = Gated(4);
        System.IO.File.Delete(File(cli, 4));
        System.IO.File.Delete(File(cli, 3));

        var verified = Verify(cli);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "names sequence 4");
        StringAssert.Contains(verified.Output, "the last records were deleted");
    }

    [TestMethod]
    public void AnInsertedRecord_IsNamed()
    {
        using var cli = Gated(3);
        var copy = Path.Combine(cli.Records, "20260101T000000Z-support-assistant-inserted.json");
        System.IO.File.Copy(File(cli, 2), copy);

        var verified = Verify(cli);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "claims sequence 2");
        StringAssert.Contains(verified.Output, "a record was inserted");
    }

    [TestMethod]
    public void AnUnchainedRecordPutThere_IsNamed()
    {
        using var cli = Gated(2);
        var put = Path.Combine(cli.Records, "20260101T000000Z-support-assistant-put.json");
        System.IO.File.WriteAllText(put, DecisionRecordJson.Write(Records(cli)[0] with { Chain = null, DecisionId = Guid.CreateVersion7() }));

        var verified = Verify(cli);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "-put.json: is not in the log");
    }

    [TestMethod]
    public void ReorderedRecords_AreNamed()
    {
        using var cli = Gated(3);
        // Swap the places of records 2 and 3, each keeping its own link to what was before it.
        var (two, three) = (File(cli, 2), File(cli, 3));
        Edit(two, r => r["chain"]!["sequence"] = 3);
        Edit(three, r => r["chain"]!["sequence"] = 2);

        var verified = Verify(cli);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "TAMPERED:");
        StringAssert.Contains(verified.Output, Path.GetFileName(three));
    }

    [TestMethod]
    public void ACheckpoint_CatchesALastRecordEditedWithItsHead()
    {
        using var cli = Gated(3);
        var signed = Checkpoint(cli);
        Assert.AreEqual(0, signed.Exit, signed.ToString());
        Assert.AreEqual(0, Verify(cli, trust: true).Exit);
        // An attacker edits the last record and rewrites the head to match: the chain alone cannot tell.
        var last = File(cli, 3);
        Edit(last, r => r["reason"] = "nothing to see");
        var head = DecisionLog.ReadHead(cli.Records)!;
        System.IO.File.WriteAllText(Path.Combine(cli.Records, DecisionLog.HeadName), System.Text.Json.JsonSerializer.Serialize(head with { Sha256 = DecisionLog.Hash(System.IO.File.ReadAllBytes(last)) }, DecisionRecordJson.Options));

        var verified = Verify(cli, trust: true);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, $"{Path.GetFileName(last)} (sequence 3): does not hash to what the signed checkpoint");
    }

    [TestMethod]
    public void AForgedCheckpoint_IsNamed()
    {
        using var cli = Gated(2);
        Assert.AreEqual(0, Checkpoint(cli).Exit);
        var checkpoint = Directory.GetFiles(Path.Combine(cli.Records, LogCheckpoint.FolderName)).Single();
        Edit(checkpoint, c => c["sequence"] = 1);

        var verified = Verify(cli, trust: true);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "does not match its content: forged");
    }

    [TestMethod]
    public void ACheckpointSignedWithAKeyNotTrustedForItsIssuer_IsNamed()
    {
        using var cli = Gated(2);
        // The red team's key, claiming to sign for the privacy reviewers.
        var signed = cli.Run("records", "checkpoint", "--record-dir", cli.Records, "--key", Path.Combine(SampleFiles.Directory, "keys", "red-team.pem"), "--key-id", "red-team-2026", "--issuer", "privacy@contoso.example");
        Assert.AreEqual(0, signed.Exit, signed.ToString());

        var verified = Verify(cli, trust: true);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "a key the trust file does not give privacy@contoso.example");
    }

    [TestMethod]
    public void TwentyConcurrentGates_LeaveOneChain()
    {
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());

        Parallel.For(0, 20, new ParallelOptions { MaxDegreeOfParallelism = 20 }, _ => Assert.AreEqual(0, cli.Gate("--telemetry", telemetry).Exit));

        var verified = Verify(cli);
        Assert.AreEqual(0, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "intact: 20 records chained");
    }

    [TestMethod]
    public void GatesInSeveralProcesses_LeaveOneChain()
    {
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
            Assert.AreEqual(0, CliProcess.Run(["gate", "--sample", "--telemetry", telemetry, "--record-dir", cli.Records]).Exit));

        var verified = Verify(cli);
        Assert.AreEqual(0, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "intact: 4 records chained");
    }

    [TestMethod]
    public void AGateKilledMidRun_LeavesALogThatVerifies_UpToItsLastCompleteRecord()
    {
        using var cli = Gated(2);
        // A gate reading telemetry from a pipe that never ends: it has stored its pending record when it is killed.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Cli.dll"), "gate", "--sample", "--telemetry", "-", "--telemetry-format", "csv", "--record-dir", cli.Records })
        {
            start.ArgumentList.Add(arg);
        }

        using (var process = Process.Start(start)!)
        {
            process.StandardInput.Write("timestamp,role,model,slice,latency_ms\n");
            process.StandardInput.Flush();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Directory.GetFiles(cli.Records, "*.json").Length < 3 && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        // And an append that was killed after writing its record but before moving the head, and a torn temporary file.
        var head = System.IO.File.ReadAllText(Path.Combine(cli.Records, DecisionLog.HeadName));
        Assert.AreEqual(0, cli.Gate("--telemetry", cli.Write("t3.csv", new Telemetry().Csv())).Exit);
        System.IO.File.WriteAllText(Path.Combine(cli.Records, DecisionLog.HeadName), head);
        System.IO.File.WriteAllText(Path.Combine(cli.Records, ".20260101T000000Z-x.json.torn.tmp"), "{ \"decisionId\": ");

        var verified = Verify(cli);

        Assert.AreEqual(0, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "never decided (its process died)");
        StringAssert.Contains(verified.Output, "an append was interrupted");
        StringAssert.Contains(verified.Output, "intact: 3 records chained");
    }

    /// <summary>A CLI whose record directory holds <paramref name="gates"/> passed decisions.</summary>
    private static Cli Gated(int gates)
    {
        var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());
        for (var i = 0; i < gates; i++)
        {
            Assert.AreEqual(0, cli.Gate("--telemetry", telemetry).Exit);
        }

        return cli;
    }

    private static Result Verify(Cli cli, bool trust = false) =>
        trust ? cli.Run("records", "verify", "--record-dir", cli.Records, "--trust", SampleFiles.Trust) : cli.Run("records", "verify", "--record-dir", cli.Records);

    private static Result Checkpoint(Cli cli) =>
        cli.Run("records", "checkpoint", "--record-dir", cli.Records, "--key", Path.Combine(SampleFiles.Directory, "keys", "privacy.pem"), "--key-id", "privacy-2026", "--issuer", "privacy@contoso.example");

    private static List<DecisionRecord> Records(Cli cli) =>
        [.. Directory.GetFiles(cli.Records, "*.json").Select(p => DecisionRecordJson.Read(System.IO.File.ReadAllText(p)))];

    private static string File(Cli cli, long sequence) =>
        Directory.GetFiles(cli.Records, "*.json").Single(p => DecisionRecordJson.Read(System.IO.File.ReadAllText(p)).Chain?.Sequence == sequence);

    private static void Edit(string path, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(System.IO.File.ReadAllText(path))!.AsObject();
        edit(json);
        System.IO.File.WriteAllText(path, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
