using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Cli.Tests;

/// <summary>Hostile input, dead sources and dying guardrails: none of them passes, none of them crashes the tool.</summary>
[TestClass]
public sealed class FailClosedTests
{
    [TestMethod]
    public void TelemetryPathWithGlobCharacters_JudgesTheFileItHashes()
    {
        using var cli = new Cli();
        // DuckDB would expand t[ab].csv to ta.csv: a healthy file beside the slow one that was named.
        cli.Write("ta.csv", new Telemetry().Csv());
        var named = cli.Write("t[ab].csv", new Telemetry { InteractiveLatencyMs = 900 }.Csv());

        var result = cli.Gate("--telemetry", named);

        Assert.AreEqual(1, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Block, result.Record.Verdict, "the slow file was judged");
        var input = result.Record.Inputs.Single(i => i.Kind == "telemetry");
        Assert.AreEqual(named, input.Path);
        Assert.AreEqual(InputFile.Hash(named), input.Sha256);
        Assert.AreEqual(1800, input.Rows);
    }

    [TestMethod]
    [DataRow("junit")]
    [DataRow("markdown")]
    [DataRow("sarif")]
    [DataRow("json")]
    [DataRow("text")]
    public void ControlCharactersAndEscapesInData_NeverReachTheOutputRaw(string format)
    {
        using var cli = new Cli();
        var hostile = "bill\u001b[31ming\u0007\u0000\u202e";
        var telemetry = cli.Write("t.csv", new Telemetry { Slices = ["interactive", "billing", "search", hostile] }.Csv().Replace($",{hostile},", $",\"{hostile}\",", StringComparison.Ordinal));

        var result = cli.Gate("--telemetry", telemetry, "--format", format);

        Assert.AreEqual(0, result.Exit, result.ToString());
        // JSON keeps the data exactly, escaping what JSON must; a bidirectional override is valid JSON text.
        var mustBeEscaped = format is "json" or "sarif" ? new[] { '\u001b', '\u0007', '\u0000' } : ['\u001b', '\u0007', '\u0000', '\u202e'];
        foreach (var raw in mustBeEscaped)
        {
            Assert.DoesNotContain(raw.ToString(), result.Output, $"{format} shows U+{(int)raw:X4} raw");
            Assert.DoesNotContain(raw.ToString(), result.Error);
        }

        if (format == "junit")
        {
            var suite = XDocument.Parse(result.Output).Root!.Element("testsuite")!;
            Assert.IsTrue(suite.Elements("testcase").Any(c => c.Attribute("name")!.Value.Contains("\\u001B[31m", StringComparison.Ordinal)), "the slice is shown, escaped");
        }
        else if (format is "json" or "sarif")
        {
            using var _ = System.Text.Json.JsonDocument.Parse(result.Output);
        }
    }

    [TestMethod]
    [DataRow("--telemetry")]
    [DataRow("--probe")]
    [DataRow("--record-dir")]
    [DataRow("--model")]
    public void EmptyOptionValue_IsAUsageError(string option)
    {
        using var cli = new Cli();

        var result = cli.Run("gate", "--sample", option, "");

        Assert.AreEqual(64, result.Exit, result.ToString());
        Assert.Contains($"{option}: the value is empty", result.Error);
    }

    [TestMethod]
    [DataRow("--interval", "1e300h")]
    [DataRow("--interval", "400d")]
    [DataRow("--deadline", "0s")]
    [DataRow("--deadline", "-5s")]
    public void OutlandishDuration_IsAUsageError(string option, string value)
    {
        using var cli = new Cli();

        var result = cli.Run("watch", "--sample", option, value);

        Assert.AreEqual(64, result.Exit, result.ToString());
        Assert.Contains($"{option}: '{value}' is not a duration", result.Error);
    }

    [TestMethod]
    [DataRow("watch", "--count", "abc", "--count: 'abc' is not a whole number")]
    [DataRow("watch", "--count", "99999999999", "--count: '99999999999' is not a whole number from -2147483648 to 2147483647")]
    [DataRow("probe", "--batch-sizes", "x", "--batch-sizes: 'x' is not a whole number")]
    [DataRow("probe", "--gpu-usd-per-hour", "cheap", "--gpu-usd-per-hour: 'cheap' is not a number")]
    public void AValueOfTheWrongForm_IsAUsageError_InWords_NotDotNetTypes(string command, string option, string value, string message)
    {
        using var cli = new Cli();

        var result = cli.Run(command, "--sample", option, value);

        Assert.AreEqual(64, result.Exit, result.ToString());
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("System.", result.Error);
    }

    [TestMethod]
    [DataRow("gate", "2026-13-01")]
    [DataRow("watch", "yesterday")]
    [DataRow("gate", "2026-11-02T09:00:00Z\u001b[31m")]
    public void AnAsOfThatIsNotATime_IsAUsageError_NamingWhatIsExpected(string command, string value)
    {
        using var cli = new Cli();

        var result = cli.Run(command, "--sample", "--as-of", value);

        Assert.AreEqual(64, result.Exit, result.ToString());
        Assert.Contains("--as-of: '", result.Error);
        Assert.Contains("is not a time; expected ISO 8601, e.g. 2026-11-02T09:00:00Z", result.Error);
        Assert.DoesNotContain("\u001b", result.Error, "a control character is written escaped");
        Assert.DoesNotContain("System.", result.Error, "no .NET type name in a usage error");
    }

    [TestMethod]
    [DataRow("{ \"Gate\": ", "policyengine.json")]
    [DataRow("{ \"Prometheus\": { \"RangeSeconds\": \"soon\" } }", "RangeSeconds")]
    public void MalformedConfiguration_IsAClearError(string json, string named)
    {
        using var cli = new Cli();
        File.WriteAllText(cli.PathOf("policyengine.json"), json);
        var before = Directory.GetCurrentDirectory();
        Result result;
        try
        {
            Directory.SetCurrentDirectory(cli.Root);
            result = cli.Gate();
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }

        Assert.AreEqual(64, result.Exit, result.ToString());
        Assert.Contains("the configuration cannot be read", result.Error);
        Assert.Contains(named, result.Error);
    }

    [TestMethod]
    public void GuardrailThatHangs_EndsInErrorAtTheDeadline_AndIsRecorded()
    {
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry { Slices = ["stuck"] }.Csv());

        var result = cli.Run("gate", "--policy", typeof(HazardousGuardrails).Assembly.Location, "--rollout", SampleFiles.Rollout, "--telemetry", telemetry, "--deadline", "1s");

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.AreEqual(Verdict.Error, result.Record.Verdict);
        Assert.Contains("did not decide within its deadline of 1 s", result.Record.Reason);
        Assert.Contains("telemetry", result.Record.Reason, "it says how far it got");
        Assert.IsTrue(result.Record.Inputs.Any(i => i.Kind == "telemetry"), "what was loaded is still recorded");
    }

    [TestMethod]
    public void GuardrailThatOverflowsTheStack_LeavesARecordSayingSo()
    {
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry { Slices = ["overflow"] }.Csv());
        var start = new ProcessStartInfo("dotnet",
        [
            "exec", Path.Combine(AppContext.BaseDirectory, "PolicyEngine.Cli.dll"), "gate",
            "--policy", typeof(HazardousGuardrails).Assembly.Location, "--rollout", SampleFiles.Rollout, "--telemetry", telemetry, "--record-dir", cli.Records,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(2)), "the process ended");

        Assert.AreNotEqual(0, process.ExitCode, "a process killed by a stack overflow never exits 0");
        var record = DecisionRecordJson.Read(File.ReadAllText(Directory.GetFiles(cli.Records, "*.json").Single()));
        Assert.AreEqual(Verdict.Error, record.Verdict);
        Assert.AreEqual(4, record.ExitCode);
        Assert.AreEqual(ErrorRecord.PendingReason, record.Reason);
        Assert.IsEmpty(Directory.GetFiles(cli.Records, "*.tmp"), "no half-written record is left");
    }

    [TestMethod]
    public void PendingRecord_IsReplacedByTheDecision()
    {
        using var cli = new Cli();

        var result = cli.Gate();

        Assert.HasCount(1, result.Records, "the pending record gave way to the decision");
        Assert.AreEqual(Verdict.Warn, result.Record.Verdict);
    }

    [TestMethod]
    [DataRow("not an assembly", "not a dll at all")]
    [DataRow("a directory", null)]
    public void BadPolicy_StillWritesARecordWithVerdictError(string scenario, string? content)
    {
        using var cli = new Cli();
        var path = content is null ? Directory.CreateDirectory(cli.PathOf("Guardrails.dll")).FullName : cli.Write("Guardrails.dll", content);

        var result = cli.Run("gate", "--policy", path, "--rollout", SampleFiles.Rollout);

        Assert.AreEqual(4, result.Exit, $"{scenario}: {result}");
        Assert.AreEqual(Verdict.Error, result.Record.Verdict, scenario);
        Assert.Contains("the policy could not be loaded", result.Record.Reason, scenario);
        Assert.AreEqual("Guardrails.dll", result.Record.Policy.Name);
        using var stored = System.Text.Json.JsonDocument.Parse(File.ReadAllText(result.Records.Single()));
        var problems = PolicyEngine.Gate.Inputs.SchemaCheck.Check(stored.RootElement, "decision-record");
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void VeryLongModelName_StillGetsARecord()
    {
        using var cli = new Cli();
        var model = new string('m', 5000);
        var telemetry = cli.Write("t.csv", new Telemetry { Model = model }.Csv());

        var result = cli.Gate("--model", model, "--telemetry", telemetry);

        Assert.AreNotEqual(64, result.Exit, result.ToString());
        Assert.HasCount(1, result.Records);
        Assert.AreEqual(model, result.Record.Release!.Model);
        Assert.IsLessThan(255, Path.GetFileName(result.Records[0]).Length);
    }

    [TestMethod]
    public void PlainOutput_IsNeverHardWrapped()
    {
        using var cli = new Cli();

        var result = cli.Run("validate", "--rollout", SampleFiles.Rollout, "--telemetry", SampleFiles.Telemetry, "--eval-report", SampleFiles.EvaluationReport);

        Assert.AreEqual(0, result.Exit, result.ToString());
        var line = result.Output.Split('\n').Single(l => l.Contains(SampleFiles.Telemetry, StringComparison.Ordinal));
        Assert.Contains("slices billing, interactive, search", line, "one line, however long the path");
    }

    [TestMethod]
    public void SlowPrometheus_EndsInErrorAtTheDeadline()
    {
        // A server that accepts and never answers: the gate must not wait on it past its deadline.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cli = new Cli();
        var config = cli.Write("prometheus.json", """{ "queries": { "requests": "sum(requests{role=\"{role}\"})" } }""");

        var result = cli.Gate("--prometheus", $"http://127.0.0.1:{port}", "--prometheus-config", config, "--deadline", "1s");

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("did not decide within its deadline of 1 s", result.Record.Reason);
    }

    [TestMethod]
    public void WatchWhoseTelemetryDisappears_NeverPasses_WithTheDefaultLimits()
    {
        using var cli = new Cli();
        var telemetry = cli.Write("t.csv", new Telemetry().Csv());
        cli.AfterFirstRecord(() => File.Delete(telemetry));

        var result = cli.Run("watch", "--sample", "--telemetry", telemetry, "--count", "5", "--interval", "0.2s");

        Assert.AreEqual(4, result.Exit, result.ToString());
        Assert.Contains("5 errors in a row exceed the limit of 4 (1 of 5 measurements taken)", result.Output);
        Assert.HasCount(6, result.Records, "one measurement, then five errors, none of them counted");
    }

    [TestMethod]
    public void WatchWithAConsecutiveSuccessLimit_PassesOnceItIsReached()
    {
        using var cli = new Cli();

        var result = cli.Run("watch", "--sample", "--count", "10", "--interval", "0s", "--failure-limit", "-1", "--consecutive-success-limit", "2");

        // The sample's canary passes its blocking guardrails (a warning fails): two passes in a row decide.
        Assert.AreEqual(0, result.Exit, result.ToString());
        Assert.HasCount(2, result.Records);
        Assert.Contains("2 passes in a row reach the consecutive success limit", result.Output);
    }

    [TestMethod]
    public void WatchWithNoFailureLimitAndNoSuccessLimit_IsAUsageError()
    {
        using var cli = new Cli();

        var result = cli.Run("watch", "--sample", "--failure-limit", "-1");

        Assert.AreEqual(64, result.Exit, result.ToString());
        Assert.Contains("needs a consecutive success limit", result.Error);
    }
}
