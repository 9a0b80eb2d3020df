using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// Many concurrent gates against one server: a fixed number of requests that ends by itself (speed is measured in
/// the benchmarks project, not here). Every answer must be the right verdict and every decision a whole record.
/// </summary>
[TestClass]
public sealed class ServeLoadTests
{
    private const int Requests = 120;
    private const int Callers = 16;

    [TestMethod]
    public async Task ConcurrentGates_EveryAnswerAVerdict_NoRecordLostOrCorrupt()
    {
        await using var server = await ServeServer.Start(s => s with { MaxConcurrent = 8, QueueLimit = Requests });
        var healthy = server.Write("healthy.csv", new Telemetry().Csv());
        var slow = server.Write("slow.csv", new Telemetry { InteractiveLatencyMs = 900 }.Csv());
        var answers = new ConcurrentBag<(int Request, string Expected, string Verdict, Guid Id)>();
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            int request;
            while ((request = Interlocked.Increment(ref next)) < Requests)
            {
                var (telemetry, expected) = request % 3 == 0 ? (slow, "block") : (healthy, "pass");
                using var response = await server.Client.PostAsync("/v1/argo/gate", new StringContent(
                    $$"""{ "rollout": "rollout.json", "telemetry": "{{telemetry}}", "evaluationReport": "evaluation-report.json", "evidence": "evidence.json" }""",
                    Encoding.UTF8, "application/json"));
                var body = await response.Content.ReadAsStringAsync();
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
                using var answer = JsonDocument.Parse(body);
                answers.Add((request, expected, answer.RootElement.GetProperty("verdict").GetString()!, answer.RootElement.GetProperty("decisionId").GetGuid()));
            }
        })));

        Assert.HasCount(Requests, answers);
        foreach (var answer in answers)
        {
            Assert.AreEqual(answer.Expected, answer.Verdict, $"request {answer.Request}");
        }

        var records = server.RecordFiles();
        Assert.HasCount(Requests, records, "one record per decision: none lost, no pending record left behind");
        var stored = records.Select(path =>
        {
            var text = File.ReadAllText(path);
            using var document = JsonDocument.Parse(text);
            Assert.IsEmpty(Gate.Inputs.SchemaCheck.Check(document.RootElement, "decision-record"), path);
            return DecisionRecordJson.Read(text);
        }).ToDictionary(r => r.DecisionId);
        foreach (var answer in answers)
        {
            Assert.IsTrue(stored.TryGetValue(answer.Id, out var record), $"no record for decision {answer.Id}");
            Assert.AreEqual(answer.Verdict, Gate.Writers.Words.Of(record.Verdict));
        }

        Assert.IsFalse(Directory.EnumerateFiles(server.Settings.RecordDirectory, "*.tmp").Any(), "no half-written record left");
    }
}
