using PolicyEngine.Specs;

namespace PolicyEngine.Evaluation;

/// <summary>Judges a <see cref="ThroughputFloorAttribute">throughput floor</see>.</summary>
public static class ThroughputFloorCheck
{
    /// <summary>Judges the candidate's output tokens per GPU-second on the spec's slice.</summary>
    public static Finding Evaluate(Guardrail guardrail, ThroughputFloorSpec spec, FactIndex facts)
    {
        ArgumentNullException.ThrowIfNull(guardrail);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(facts);
        return GuardrailRun.Safely(guardrail, spec.Slice, () =>
        {
            if (!GuardrailRun.TryTakeOne(guardrail, spec.Slice, facts.Telemetry(Role.Candidate, spec.Slice), "candidate telemetry", out var m, out var missing))
            {
                return missing!;
            }

            if (m.TokensPerGpuSecond is not { } measured)
            {
                return Finding.Missing(guardrail, spec.Slice,
                    "no throughput per GPU: the telemetry needs output_tokens and gpu_seconds on every row of the slice, with some GPU time");
            }

            var throughput = Checked.Number(measured, "candidate tokens per GPU-second");
            var holds = throughput >= spec.MinTokensPerGpuSecond;
            return Finding.Judge(guardrail, holds, spec.Slice, throughput, spec.MinTokensPerGpuSecond, m.Requests,
                $"{Finding.Format(throughput)} output tokens per GPU-second {(holds ? "meets" : "is below")} the floor of {Finding.Format(spec.MinTokensPerGpuSecond)}");
        });
    }
}
