namespace PolicyEngine.Rules.Sample.Tests;

/// <summary>Builds the facts a test hands to a guardrail: a release in a stage plus whatever the test adds.</summary>
internal static class Facts
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static RolloutContext Release(Stages stage) => new("support-assistant", "2.1.0", Lever.Scale, stage, Now);

    public static object[] In(Stages stage, params object[] facts) => [Release(stage), .. facts];

    public static SliceMetrics Telemetry(
        string slice = "all",
        Role role = Role.Candidate,
        long requests = 1000,
        double p95 = 300,
        double ttftP99 = 150,
        double errorRate = 0.01,
        double? accuracy = 0.9,
        double? usdPerCorrectAnswer = 0.005) => new()
    {
        Role = role,
        Slice = slice,
        Requests = requests,
        Latency = new Percentiles([new(50, p95 / 2), new(95, p95), new(99, p95 * 1.5)]),
        Ttft = new Percentiles([new(50, ttftP99 / 3), new(99, ttftP99)]),
        ErrorRate = errorRate,
        LabeledRequests = requests,
        Accuracy = accuracy,
        UsdPerCorrectAnswer = usdPerCorrectAnswer,
    };

    public static Evidence PiiReview(int ageDays = 10, SignatureStatus signature = SignatureStatus.Valid, string version = "2.1.0") =>
        new("pii-review", "support-assistant", version, "privacy@contoso.example", Now.AddDays(-ageDays), "sha256:ab", signature);

    public static ProbeMeasurement Probe(ExecutionProvider provider = ExecutionProvider.Cuda, double p95 = 12, double? agreement = 0.99, bool complete = true) => new()
    {
        BatchSize = 1,
        Provider = provider,
        P50Milliseconds = p95 / 2,
        P95Milliseconds = p95,
        P99Milliseconds = p95 * 1.2,
        Throughput = 1000 / p95,
        Agreement = agreement,
        Complete = complete,
    };
}
