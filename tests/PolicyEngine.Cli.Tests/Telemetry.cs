using System.Globalization;
using System.Text;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// Telemetry with figures set by construction, not by chance: per role and slice, n rows whose latency spreads
/// evenly around a centre, whose first k percent are correct or errored. Each verdict test turns one knob.
/// </summary>
internal sealed record Telemetry
{
    public int CandidatePerSlice { get; init; } = 300;
    public int BaselinePerSlice { get; init; } = 300;
    public int CandidateAccuracyPercent { get; init; } = 91;
    public int BaselineAccuracyPercent { get; init; } = 86;
    public int CandidateErrorPercent { get; init; } = 1;
    public int BaselineErrorPercent { get; init; } = 2;
    public double InteractiveLatencyMs { get; init; } = 300;
    public double TtftMs { get; init; } = 100;
    public string[] Slices { get; init; } = ["interactive", "billing", "search"];
    public string Model { get; init; } = "support-assistant";

    public string Csv()
    {
        var csv = new StringBuilder("role,model,slice,latency_ms,ttft_ms,input_tokens,output_tokens,correct,hallucinated,error,cost_usd\n");
        foreach (var slice in Slices)
        {
            Rows(csv, "candidate", slice, CandidatePerSlice, CandidateAccuracyPercent, CandidateErrorPercent);
            Rows(csv, "baseline", slice, BaselinePerSlice, BaselineAccuracyPercent, BaselineErrorPercent);
        }

        return csv.ToString();
    }

    private void Rows(StringBuilder csv, string role, string slice, int n, int accuracyPercent, int errorPercent)
    {
        var centre = slice == "interactive" ? InteractiveLatencyMs : 400;
        for (var i = 0; i < n; i++)
        {
            var latency = centre * (0.5 + ((double)i / n));
            var correct = i % 100 < accuracyPercent ? "true" : "false";
            var error = (i + 50) % 100 < errorPercent ? "true" : "false";
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{role},{Model},{slice},{latency:0.###},{TtftMs},800,300,{correct},false,{error},0.004"));
        }
    }
}
