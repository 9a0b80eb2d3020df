using PolicyEngine.Gate.Inputs.Telemetry;

namespace PolicyEngine.Gate.Tests;

/// <summary>Every broken telemetry file is refused with a message naming the file, where, the value and what was expected.</summary>
[TestClass]
public sealed class TelemetryBadInputTests
{
    private static readonly double[] Percentiles = [50, 95];

    [TestMethod]
    [DataRow("missing", "t.csv", null, "", "file not found")]
    [DataRow("empty", "t.csv", "", "", "file is empty")]
    [DataRow("header only", "t.csv", "latency_ms,slice\n", "", "has no rows")]
    [DataRow("missing column", "t.csv", "slice,error\nbilling,false\n", "column 'latency_ms'", "required column is missing")]
    [DataRow("not a number", "t.csv", "latency_ms\n12\nfast\n", "row 2 (line 3), column 'latency_ms'", "value 'fast' is not a finite number")]
    [DataRow("negative latency", "t.csv", "latency_ms\n12\n-3\n-4\n", "row 2 (line 3), column 'latency_ms'", "value '-3' is not a finite number of zero or more (2 rows like this)")]
    [DataRow("NaN latency", "t.csv", "latency_ms\nNaN\n", "row 1 (line 2), column 'latency_ms'", "value 'NaN'")]
    [DataRow("empty latency", "t.csv", "latency_ms,slice\n,billing\n", "row 1 (line 2), column 'latency_ms'", "is empty")]
    [DataRow("bad boolean", "t.csv", "latency_ms,correct\n10,maybe\n", "row 1 (line 2), column 'correct'", "value 'maybe' is not true or false")]
    [DataRow("unknown role", "t.csv", "latency_ms,role\n10,canary\n", "row 1 (line 2), column 'role'", "expected candidate or baseline")]
    [DataRow("empty error flag", "t.csv", "latency_ms,error\n10,\n", "row 1 (line 2), column 'error'", "is empty; expected true or false")]
    [DataRow("corrupt parquet", "t.parquet", "PAR1 this is not parquet", "", "cannot be read as Parquet")]
    [DataRow("malformed JSON", "t.jsonl", "{\"latency_ms\": 1}\n{\"latency_ms\": 2\n", "", "cannot be read as JSON lines")]
    [DataRow("wrong JSON type", "t.jsonl", "{\"latency_ms\": {\"p\": 1}}\n", "column 'latency_ms'", "expected a finite number")]
    [DataRow("unknown extension", "t.xlsx", "x", "", "is not a telemetry format")]
    [DataRow("confidence above 1", "t.csv", "latency_ms,confidence\n10,0.5\n10,1.5\n", "row 2 (line 3), column 'confidence'", "value '1.5' is not a probability; expected the model's confidence in its answer, from 0 to 1")]
    [DataRow("negative GPU time", "t.csv", "latency_ms,gpu_seconds\n10,-0.2\n", "row 1 (line 2), column 'gpu_seconds'", "is not a finite number of zero or more")]
    public void BadFile_IsRefusedWithWhereAndWhat(string scenario, string name, string? content, string location, string problem)
    {
        using var files = new TempFiles();
        var path = content is null ? files.PathOf(name) : files.Write(name, content);

        var error = Assert.ThrowsExactly<InputException>(() => TelemetryLoader.Load(path, Percentiles), scenario);

        Assert.AreEqual(path, error.Path, scenario);
        Assert.AreEqual(location, error.Location, scenario);
        Assert.Contains(problem, error.Problem, scenario);
        Assert.StartsWith(path, error.Message, scenario);
    }

    [TestMethod]
    public void CandidateRowsOfAnotherModel_AreRefused()
    {
        using var files = new TempFiles();
        var path = files.Write("t.csv", "latency_ms,role,model\n10,baseline,support-assistant-v1\n12,candidate,support-assistant\n13,candidate,chat-bot\n");

        var error = Assert.ThrowsExactly<InputException>(() => TelemetryLoader.Load(path, Percentiles, "support-assistant"));

        Assert.AreEqual("row 3 (line 4), column 'model'", error.Location);
        Assert.Contains("'chat-bot' names another model", error.Problem);
    }

    [TestMethod]
    [DataRow("'NaN'::DOUBLE", "nan")]
    [DataRow("'Infinity'::DOUBLE", "inf")]
    [DataRow("'-Infinity'::DOUBLE", "-inf")]
    [DataRow("-0.5", "-0.5")]
    public void NativeParquetNumbersOutOfRange_AreFoundAndNamed(string value, string shown)
    {
        using var files = new TempFiles();
        var path = files.Parquet("t.parquet", $"SELECT * FROM (VALUES (1, 10.0::DOUBLE), (2, 12.0), (3, {value}), (4, 11.0)) v(i, latency_ms) ORDER BY i");

        var error = Assert.ThrowsExactly<InputException>(() => TelemetryLoader.Load(path, Percentiles));

        Assert.AreEqual("row 3, column 'latency_ms'", error.Location);
        Assert.Contains($"value '{shown}'", error.Problem);
    }

    [TestMethod]
    public void WrongParquetColumnType_NamesTheType()
    {
        using var files = new TempFiles();
        var path = files.Parquet("t.parquet", "SELECT 10.0 AS latency_ms, [1, 2] AS correct");

        var error = Assert.ThrowsExactly<InputException>(() => TelemetryLoader.Load(path, Percentiles));

        Assert.AreEqual("column 'correct'", error.Location);
        Assert.AreEqual("has type INTEGER[]; expected true or false", error.Problem);
    }
}
