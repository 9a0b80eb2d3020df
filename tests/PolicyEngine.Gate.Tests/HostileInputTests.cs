using System.Security.Cryptography;
using PolicyEngine.Gate.Inputs.EvaluationReports;
using PolicyEngine.Gate.Inputs.EvidenceFiles;
using PolicyEngine.Gate.Inputs.ProbeResults;
using PolicyEngine.Gate.Inputs.Rollouts;
using PolicyEngine.Gate.Inputs.Telemetry;

namespace PolicyEngine.Gate.Tests;

/// <summary>Inputs a hostile or careless author writes: each refused with the file and field named, or read the same whatever the format.</summary>
[TestClass]
public sealed class HostileInputTests
{
    private static readonly double[] Percentiles = [50, 95];

    private const string Row = "{ \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": 0.9 }";

    [TestMethod]
    [DataRow("rollout", "{ \"model\": \"a\", \"model\": \"b\", \"version\": \"1\", \"lever\": \"scale\", \"stage\": \"canary\" }", "model", "is given twice")]
    [DataRow("report", "{ \"results\": [ { \"role\": \"candidate\", \"role\": \"baseline\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": 0.9 } ] }", "results[0].role", "is given twice")]
    [DataRow("report", "{ \"results\": [ " + Row + ", null ] }", "results[1]", "is null; expected a value")]
    [DataRow("report", "{ \"results\": [ { \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"accuracy\", \"value\": 50 } ] }", "results[0].value", "got 50 for accuracy; expected a fraction from 0 to 1")]
    [DataRow("report", "{ \"results\": [ { \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"hallucination_rate\", \"value\": -0.1 } ] }", "results[0].value", "expected a fraction from 0 to 1")]
    [DataRow("trust", "{ \"keys\": [ null ] }", "keys[0]", "is null; expected a value")]
    [DataRow("evidence", "{ \"items\": [ null ] }", "items[0]", "is null; expected a value")]
    [DataRow("probe", "{ \"providerUsed\": \"cpu\", \"complete\": true, \"measurements\": [ { \"batchSize\": 1, \"iterations\": 10, \"complete\": true, \"p50Ms\": null, \"p95Ms\": 2, \"p99Ms\": 3, \"throughput\": 100 } ] }", "measurements[0].p50Ms", "got nothing; expected a finite number")]
    public void BrokenJson_IsRefused_NamingTheField(string kind, string json, string field, string problem)
    {
        using var files = new TempFiles();
        var path = files.Write($"{kind}.json", json);

        var error = Assert.ThrowsExactly<InputException>(() => Load(kind, path));

        Assert.AreEqual(path, error.Path);
        Assert.StartsWith(field, error.Location);
        Assert.Contains(problem, error.Problem);
    }

    [TestMethod]
    public void EvaluationReport_OtherMetrics_MayLieOutside0To1()
    {
        using var files = new TempFiles();
        var path = files.Write("r.json", "{ \"results\": [ { \"role\": \"candidate\", \"layer\": \"business\", \"metric\": \"bleu\", \"value\": 34.5 } ] }");

        var (metrics, _) = EvaluationReportLoader.Load(path, null, null);

        Assert.AreEqual(34.5, metrics.Single().Value);
    }

    [TestMethod]
    [DataRow("-----BEGIN EC PRIVATE KEY-----")]
    [DataRow("-----BEGIN PRIVATE KEY-----")]
    public void TrustFile_HoldingPrivateKeyMaterial_IsRefused(string label)
    {
        using var files = new TempFiles();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = label.Contains("EC", StringComparison.Ordinal) ? key.ExportECPrivateKeyPem() : key.ExportPkcs8PrivateKeyPem();
        var path = files.Write("trust.json", System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { id = "k", issuer = "i@x.example", publicKey = pem } } }));

        var error = Assert.ThrowsExactly<InputException>(() => TrustFile.Load(path));

        Assert.AreEqual("keys[0].publicKey", error.Location);
        Assert.Contains("holds private key material", error.Problem);
    }

    [TestMethod]
    public void DuplicateCsvColumn_IsRefused()
    {
        using var files = new TempFiles();
        var path = files.Write("t.csv", "latency_ms,slice,latency_ms\n10,billing,900\n");

        var error = Assert.ThrowsExactly<InputException>(() => TelemetryLoader.Load(path, Percentiles));

        Assert.AreEqual("column 'latency_ms'", error.Location);
        Assert.Contains("appears 2 times in the header (columns 1 and 3)", error.Problem);
    }

    [TestMethod]
    public void EmptyRole_MeansCandidate_InCsvAndJsonLinesAlike()
    {
        using var files = new TempFiles();
        var csv = files.Write("t.csv", "role,latency_ms\n,100\nbaseline,200\n,300\n");
        var jsonl = files.Write("t.jsonl", "{\"role\": \"\", \"latency_ms\": 100}\n{\"role\": \"baseline\", \"latency_ms\": 200}\n{\"role\": null, \"latency_ms\": 300}\n");

        var fromCsv = TelemetryLoader.Load(csv, Percentiles).Metrics;
        var fromJson = TelemetryLoader.Load(jsonl, Percentiles).Metrics;

        foreach (var metrics in new[] { fromCsv, fromJson })
        {
            Assert.AreEqual(2, metrics.Single(m => m.Role == Role.Candidate && m.Slice == "all").Requests);
            Assert.AreEqual(1, metrics.Single(m => m.Role == Role.Baseline && m.Slice == "all").Requests);
        }
    }

    [TestMethod]
    public void GlobCharactersInThePath_AreReadLiterally()
    {
        using var files = new TempFiles();
        files.Write("ta.csv", "latency_ms\n1\n");
        var named = files.Write("t[ab]*.csv", "latency_ms\n100\n200\n");

        var facts = TelemetryLoader.Load(named, Percentiles);

        Assert.AreEqual(2, facts.File.Rows);
        Assert.AreEqual(InputFile.Hash(named), facts.File.Sha256);
    }

    private static object Load(string kind, string path) => kind switch
    {
        "rollout" => RolloutLoader.Resolve(path, new RolloutDocument(), DateTimeOffset.UnixEpoch),
        "report" => EvaluationReportLoader.Load(path, null, null),
        "trust" => TrustFile.Load(path),
        "probe" => ProbeResultLoader.Load(path),
        _ => EvidenceLoader.Load(path, new Dictionary<string, TrustedKey>()),
    };
}
