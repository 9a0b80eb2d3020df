using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// The shared decision store on a real PostgreSQL server: gates in separate processes and serve replicas build one
/// chain and share one history; verify finds tampering done in the database; a directory's log copies in with its
/// chain; a store that cannot be reached never lets a release out.
/// </summary>
[TestClass]
public sealed class SharedStoreTests
{
    private static string HistoryPack => Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.History.dll");

    [TestMethod]
    public void TwoGateProcesses_BuildOneChain_AndSeeEachOthersReleases()
    {
        var store = PostgresServer.Shared.NewDatabase();
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());

        // Two runners at once, three gates each: one log, however the appends interleave.
        Parallel.For(0, 2, runner =>
        {
            for (var i = 0; i < 3; i++)
            {
                var gated = CliProcess.Run(Gate(store, telemetry, $"1.{runner}.{i}"));
                Assert.AreEqual(0, gated.Exit, $"{gated.Output}\n{gated.Error}");
            }
        });

        var verified = cli.Run("records", "verify", "--record-store", store);
        Assert.AreEqual(0, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "intact: 6 records chained");

        // The second runner's history threshold compares with the release the first runner let out.
        var first = CliProcess.Run(Gate(store, telemetry, "2.0.0"));
        Assert.AreEqual(0, first.Exit, first.Error);
        var second = CliProcess.Run(Gate(store, cli.Write("slower.csv", new Telemetry { InteractiveLatencyMs = 600 }.Csv()), "3.0.0"));
        Assert.AreEqual(0, second.Exit, second.Error);

        using var records = DecisionStore.Open(store);
        var byVersion = records.All().Select(r => r.Read()).ToDictionary(r => r.Release!.Version);
        var judged = byVersion["3.0.0"].Findings.Single(f => f.GuardrailId == "history/p95-against-history");
        Assert.AreEqual(Outcome.Fail, judged.Outcome, judged.Reason);
        StringAssert.Contains(judged.Reason, "2.0.0");
        var used = byVersion["3.0.0"].Inputs.Single(i => i.Kind == "decision-record");
        StringAssert.Contains(used.Path, byVersion["2.0.0"].DecisionId.ToString());
        StringAssert.StartsWith(used.Path, store[..store.LastIndexOf('/')].Replace("postgres@", "", StringComparison.Ordinal));
        Assert.AreEqual(8L, byVersion["3.0.0"].Chain!.Sequence);
    }

    [TestMethod]
    public void TwentyConcurrentGates_LeaveOneChainInTheDatabase()
    {
        var store = PostgresServer.Shared.NewDatabase();
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());

        Parallel.For(0, 20, new ParallelOptions { MaxDegreeOfParallelism = 20 }, _ => Assert.AreEqual(0, cli.Gate("--telemetry", telemetry, "--record-store", store).Exit));

        using var records = DecisionStore.Open(store);
        var sequences = records.All().Select(r => r.Read().Chain!.Sequence).Order().ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, 20).Select(i => (long)i).ToArray(), sequences);
        Assert.AreEqual(0L, PostgresServer.Scalar<long>(store, "SELECT count(*) FROM policyengine_pending"), "no pending record outlives its run");
        var verified = cli.Run("records", "verify", "--record-store", store);
        Assert.AreEqual(0, verified.Exit, verified.ToString());
        Assert.IsFalse(cli.Records.Length > 0 && Directory.Exists(cli.Records) && Directory.GetFiles(cli.Records, "*.json").Length > 0, "nothing was written to the directory");
    }

    [TestMethod]
    [DataRow("edited", "UPDATE policyengine_records SET body = convert_to(replace(convert_from(body, 'UTF8'), '\"verdict\": \"pass\"', '\"verdict\": \"pass\" '), 'UTF8') WHERE sequence = 2",
        "(sequence 2): does not hash to what the next record")]
    [DataRow("deleted", "DELETE FROM policyengine_records WHERE sequence = 2", "is sequence 3, but no record holds 2: deleted")]
    [DataRow("last deleted", "DELETE FROM policyengine_records WHERE sequence = 4", "names sequence 4")]
    [DataRow("last edited", "UPDATE policyengine_records SET body = convert_to(replace(convert_from(body, 'UTF8'), '\"verdict\": \"pass\"', '\"verdict\": \"block\"'), 'UTF8') WHERE sequence = 4",
        "(sequence 4, the last): does not hash to what the head names")]
    [DataRow("refiled", "UPDATE policyengine_records SET sequence = 9 WHERE sequence = 4", "the store files it as decision")]
    [DataRow("head moved", "UPDATE policyengine_log_head SET sequence = 3", "policyengine_log_head: names sequence 3")]
    [DataRow("hidden from history", "UPDATE policyengine_records SET model = 'another-model' WHERE sequence = 2", "the store files it under model 'another-model', but it is about 'support-assistant'")]
    [DataRow("renamed", "UPDATE policyengine_records SET name = '20200101T000000Z-support-assistant-x.json' WHERE sequence = 2", "is filed under another name than its content gives")]
    public void TamperingInTheDatabase_IsNamed(string what, string sql, string expected)
    {
        var store = PostgresServer.Shared.NewDatabase();
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());
        for (var i = 0; i < 4; i++)
        {
            Assert.AreEqual(0, cli.Gate("--telemetry", telemetry, "--record-store", store).Exit);
        }

        Assert.AreEqual(0, cli.Run("records", "verify", "--record-store", store).Exit, "intact before");
        Assert.AreEqual(1, PostgresServer.Execute(store, sql), what);

        var verified = cli.Run("records", "verify", "--record-store", store);

        Assert.AreEqual(1, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "TAMPERED: ");
        StringAssert.Contains(verified.Output, expected, verified.Output);
    }

    [TestMethod]
    public void ADirectorysLog_CopiesIn_WithItsChainAndCheckpoints_AndACopyResumes()
    {
        var store = PostgresServer.Shared.NewDatabase();
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());
        for (var i = 0; i < 3; i++)
        {
            Assert.AreEqual(0, cli.Gate("--telemetry", telemetry).Exit);
        }

        Assert.AreEqual(0, cli.Run("records", "checkpoint", "--record-dir", cli.Records, "--key", Path.Combine(SampleFiles.Directory, "keys", "privacy.pem"), "--key-id", "privacy-2026", "--issuer", "privacy@contoso.example").Exit);

        var copied = cli.Run("records", "copy", "--from", cli.Records, "--to", store);

        Assert.AreEqual(0, copied.Exit, copied.ToString());
        StringAssert.Contains(copied.Output, "copied 3 records and 1 checkpoints");
        var verified = cli.Run("records", "verify", "--record-store", store, "--trust", SampleFiles.Trust);
        Assert.AreEqual(0, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "intact: 3 records chained, 1 checkpoints verified");
        using (var records = DecisionStore.Open(store))
        {
            var inDirectory = Directory.GetFiles(cli.Records, "*.json").Select(File.ReadAllBytes).Select(b => DecisionLog.Hash(b)).Order().ToArray();
            CollectionAssert.AreEqual(inDirectory, records.All().Select(r => r.Hash).Order().ToArray(), "byte for byte");
        }

        // The runner gates once more; copying again adds only what is new, and the chain goes on in the database.
        Assert.AreEqual(0, cli.Gate("--telemetry", telemetry).Exit);
        var resumed = cli.Run("records", "copy", "--from", cli.Records, "--to", store);
        StringAssert.Contains(resumed.Output, "copied 1 records and 1 checkpoints from");
        StringAssert.Contains(resumed.Output, "(3 already there)");
        Assert.AreEqual(0, cli.Gate("--telemetry", telemetry, "--record-store", store).Exit);
        verified = cli.Run("records", "verify", "--record-store", store, "--trust", SampleFiles.Trust);
        StringAssert.Contains(verified.Output, "intact: 5 records chained");

        // Another log cannot be merged in: its records would have to be rewritten.
        using var other = new Cli();
        Assert.AreEqual(0, other.Gate("--telemetry", telemetry).Exit);
        var refused = other.Run("records", "copy", "--from", other.Records, "--to", store);
        Assert.AreEqual(1, refused.Exit, refused.ToString());
        StringAssert.Contains(refused.Error, "holds another log");

        // And back out: an auditor's copy of the database in a directory verifies the same.
        var exported = cli.PathOf("export");
        Assert.AreEqual(0, cli.Run("records", "copy", "--from", store, "--to", exported).Exit);
        verified = cli.Run("records", "verify", "--record-dir", exported, "--trust", SampleFiles.Trust);
        Assert.AreEqual(0, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Output, "intact: 5 records chained, 1 checkpoints verified");
    }

    [TestMethod]
    public void ATamperedLog_IsNotCopied()
    {
        var store = PostgresServer.Shared.NewDatabase();
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());
        Assert.AreEqual(0, cli.Gate("--telemetry", telemetry).Exit);
        Assert.AreEqual(0, cli.Gate("--telemetry", telemetry).Exit);
        File.Delete(Directory.GetFiles(cli.Records, "*.json").Order().First());

        var refused = cli.Run("records", "copy", "--from", cli.Records, "--to", store);

        Assert.AreEqual(1, refused.Exit, refused.ToString());
        StringAssert.Contains(refused.Error, "does not verify");
        using var target = DecisionStore.Open(store);
        Assert.IsFalse(target.Exists(), "nothing was copied: not even the tables were made");
    }

    [TestMethod]
    public void AStoreThatCannotBeReached_IsAnError_NeverAPass()
    {
        using var cli = new Cli();
        var nowhere = $"postgresql://postgres@127.0.0.1:{Ports.Free()}/decisions";

        var gated = cli.Gate("--record-store", nowhere);

        Assert.AreEqual(4, gated.Exit, gated.ToString());
        StringAssert.Contains(gated.Error, $"the decision store postgresql://127.0.0.1:{nowhere.Split(':')[2].Split('/')[0]}/decisions cannot be used");
        Assert.DoesNotContain("PASS", gated.Output);
        var verified = cli.Run("records", "verify", "--record-store", nowhere);
        Assert.AreEqual(4, verified.Exit, "a log that cannot be read is not shown intact");
    }

    [TestMethod]
    public void ADatabaseWithoutDecisionTables_IsNoLog_AndReadingItCreatesNothing()
    {
        var store = PostgresServer.Shared.NewDatabase();
        using var cli = new Cli();

        var verified = cli.Run("records", "verify", "--record-store", store);
        var copied = cli.Run("records", "copy", "--from", store, "--to", cli.PathOf("copy"));

        Assert.AreEqual(4, verified.Exit, verified.ToString());
        StringAssert.Contains(verified.Error, "does not exist (no record directory, or no decision tables in the database)");
        Assert.AreEqual(1, copied.Exit, copied.ToString());
        StringAssert.Contains(copied.Error, "there is no log to copy");
        Assert.IsFalse(PostgresServer.Scalar<bool>(store, "SELECT to_regclass('policyengine_records') IS NOT NULL"), "a reader created the tables");
    }

    [TestMethod]
    [DataRow("postgresql://", "is not a PostgreSQL address")]
    [DataRow("postgresql://host", "names no database")]
    [DataRow("postgresql://u:secret@host/db?notakeyword=1", "parameter 'notakeyword'")]
    public void ABadStoreAddress_IsNamed_WithoutItsPassword(string address, string expected)
    {
        using var cli = new Cli();

        var gated = cli.Gate("--record-store", address);

        Assert.AreEqual(4, gated.Exit, gated.ToString());
        StringAssert.Contains(gated.Error, expected);
        Assert.DoesNotContain("secret", gated.Error);
    }

    [TestMethod]
    public async Task ServeReplicas_ShareOneChain_AndEachOthersRecords()
    {
        var store = PostgresServer.Shared.NewDatabase();
        await using var one = await ServeServer.Start(s => s with { Store = DecisionStore.Open(store) });
        await using var two = await ServeServer.Start(s => s with { Store = DecisionStore.Open(store) });
        foreach (var server in new[] { one, two })
        {
            server.Write("t.csv", new Telemetry().Csv());
            using var ready = await server.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.IsTrue(ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            var server = i % 2 == 0 ? one : two;
            using var response = await server.Client.PostAsync(new Uri("/v1/gate", UriKind.Relative), new StringContent(
                """{ "rollout": "rollout.json", "evaluationReport": "evaluation-report.json", "evidence": "evidence.json", "telemetry": "t.csv" }""", Encoding.UTF8, "application/json"));
            Assert.IsTrue(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decisionId").GetGuid();
        }));

        // A record decided by one replica is served by the other, byte for byte as stored.
        using var fetched = await two.Client.GetAsync(new Uri($"/v1/records/{answers[0]}", UriKind.Relative));
        Assert.IsTrue(fetched.IsSuccessStatusCode);
        using var records = DecisionStore.Open(store);
        CollectionAssert.AreEqual(records.Find(answers[0])!.Bytes, await fetched.Content.ReadAsByteArrayAsync());
        using var listed = await one.Client.GetAsync(new Uri("/v1/records?model=support-assistant&limit=100", UriKind.Relative));
        Assert.HasCount(8, (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList());
        var verified = LogVerification.Of(records);
        Assert.IsTrue(verified.Intact, string.Join("\n", verified.Problems));
        Assert.AreEqual(8, verified.Records);
        Assert.IsEmpty(one.RecordFiles(), "records went to the database, not the replica's disk");
    }

    [TestMethod]
    public void Diff_BackTestsTheRecordsInTheDatabase_AsInADirectory()
    {
        var store = PostgresServer.Shared.NewDatabase();
        using var cli = new Cli();
        foreach (var telemetry in new[] { new Telemetry(), new Telemetry { InteractiveLatencyMs = 900 } })
        {
            Assert.AreNotEqual(4, cli.Gate("--telemetry", cli.Write($"t-{Guid.NewGuid():N}.csv", telemetry.Csv())).Exit);
        }

        Assert.AreEqual(0, cli.Run("records", "copy", "--from", cli.Records, "--to", store).Exit);
        var samplePack = Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Rules.Sample.dll");
        var otherPack = typeof(SharedStoreTests).Assembly.Location;

        var fromDirectory = cli.Run("diff", "--before", samplePack, "--after", otherPack, "--records", cli.Records, "--format", "json");
        var fromDatabase = cli.Run("diff", "--before", samplePack, "--after", otherPack, "--records", store, "--format", "json");

        Assert.AreEqual(1, fromDatabase.Exit, fromDatabase.ToString());
        using var expected = JsonDocument.Parse(fromDirectory.Output);
        using var actual = JsonDocument.Parse(fromDatabase.Output);
        var tested = actual.RootElement.GetProperty("backTest").EnumerateArray().ToList();
        Assert.HasCount(2, tested);
        Assert.AreEqual(expected.RootElement.GetProperty("backTest").ToString(), actual.RootElement.GetProperty("backTest").ToString());
    }

    private static string[] Gate(string store, string telemetry, string version) =>
        ["gate", "--policy", HistoryPack, "--telemetry", telemetry, "--model", "support-assistant", "--model-version", version, "--lever", "scale", "--stage", "full", "--record-store", store];
}
