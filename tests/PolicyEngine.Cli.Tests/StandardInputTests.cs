using System.Security.Cryptography;
using System.Text.Json;

namespace PolicyEngine.Cli.Tests;

/// <summary><c>--telemetry -</c>: telemetry piped in, with its format said, judged like the same file.</summary>
[TestClass]
public sealed class StandardInputTests
{
    [TestMethod]
    public void PipedTelemetry_IsJudgedLikeTheFile_AndRecordedWithItsHash()
    {
        using var cli = new Cli();

        var piped = cli.PathOf("piped-records");
        var (exit, output, error) = CliProcess.Run(["gate", "--sample", "--telemetry", "-", "--telemetry-format", "csv", "--record-dir", piped], SampleFiles.Telemetry);
        var fromFile = cli.Gate();

        Assert.AreEqual(fromFile.Exit, exit, error);
        var record = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(piped, "*.json").Single())).RootElement;
        var telemetry = record.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "telemetry");
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SampleFiles.Telemetry))), telemetry.GetProperty("sha256").GetString());
        Assert.Contains("standard-input.csv", telemetry.GetProperty("path").GetString()!);
        Assert.AreEqual(fromFile.Output.Split('\n').Count(l => l.Contains("│ pass", StringComparison.Ordinal)), output.Split('\n').Count(l => l.Contains("│ pass", StringComparison.Ordinal)), "the same findings pass");
    }

    [TestMethod]
    public void PipedTelemetry_ThatBreaksTheContract_IsAnError_NamingTheRow()
    {
        using var cli = new Cli();
        var broken = cli.Write("broken.csv", string.Join('\n', File.ReadLines(SampleFiles.Telemetry).Take(3)) + "\n2026-11-24T09:00:00Z,candidate,support-assistant,interactive,-5,1,1,1,,,false,0.001,0.1\n");

        var (exit, _, error) = CliProcess.Run(["gate", "--sample", "--telemetry", "-", "--telemetry-format", "csv", "--record-dir", cli.Records], broken);

        Assert.AreEqual(4, exit, error);
        Assert.Contains("standard-input.csv", error);
        Assert.Contains("latency_ms", error);
        var record = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(cli.Records, "*.json").Single())).RootElement;
        Assert.AreEqual("error", record.GetProperty("verdict").GetString(), "piped telemetry is read inside the run: a bad read is recorded like any bad input");
    }

    [TestMethod]
    public void Validate_ReadsPipedTelemetry()
    {
        var (exit, output, error) = CliProcess.Run(["validate", "--telemetry", "-", "--telemetry-format", "csv"], SampleFiles.Telemetry);

        Assert.AreEqual(0, exit, output + error);
        Assert.Contains("valid   telemetry", output);
        Assert.Contains("3000 rows", output);
    }

    [TestMethod]
    [DataRow(new[] { "gate", "--sample", "--telemetry", "-" }, "say it with --telemetry-format")]
    [DataRow(new[] { "gate", "--sample", "--telemetry-format", "csv" }, "--telemetry-format is for --telemetry -")]
    [DataRow(new[] { "validate", "--telemetry", "-" }, "say it with --telemetry-format")]
    [DataRow(new[] { "watch", "--sample", "--telemetry", "-", "--telemetry-format", "csv" }, "standard input can be read once")]
    public void StandardInput_MisUsed_IsAUsageError(string[] args, string message)
    {
        using var cli = new Cli();

        var result = cli.Run(args);

        Assert.AreEqual(64, result.Exit, result.ToString());
        Assert.Contains(message, result.Error);
    }
}
