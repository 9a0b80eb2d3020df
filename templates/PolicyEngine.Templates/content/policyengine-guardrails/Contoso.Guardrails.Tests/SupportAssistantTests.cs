using PolicyEngine;
using PolicyEngine.Evaluation;
using PolicyEngine.Testing;

namespace Contoso.Guardrails.Tests;

/// <summary>Each guardrail passing and failing, in a real NRules session of the generated pack.</summary>
[TestClass]
public sealed class SupportAssistantTests
{
    private static readonly PolicyPack Pack = GuardrailPack.Instance;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void InteractiveP95_UnderBudget_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/interactive-p95", In(Stages.Canary, Telemetry("interactive", p95: 420)), observed: 420);

    [TestMethod]
    public void InteractiveP95_OverBudget_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/interactive-p95", In(Stages.Canary, Telemetry("interactive", p95: 620)), observed: 620);

    [TestMethod]
    public void InteractiveP95_NoInteractiveTraffic_IsInconclusive_NeverAPass() =>
        GuardrailAssert.IsInconclusive(Pack, "support-assistant/interactive-p95", In(Stages.Canary, Telemetry("all")));

    [TestMethod]
    public void CostPerCorrectAnswer_OverCeiling_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/cost-per-correct-answer", In(Stages.Canary, Telemetry(usdPerCorrectAnswer: 0.013)), observed: 0.013);

    [TestMethod]
    public void BillingAccuracy_BelowFloor_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/billing-accuracy",
            In(Stages.Offline, new QualityMetric(Role.Candidate, BenchmarkLayer.Business, "billing", "accuracy", 0.88, 400)), observed: 0.88);

    [TestMethod]
    public void PiiReview_Unsigned_Fails() =>
        GuardrailAssert.Fails(Pack, "support-assistant/pii-review",
            In(Stages.Canary, new Evidence("pii-review", "support-assistant", "2.1.0", "privacy@contoso.example", Now.AddDays(-10), "sha256:ab", SignatureStatus.Unsigned)));

    [TestMethod]
    public void PiiReview_SignedAndRecent_Passes() =>
        GuardrailAssert.Passes(Pack, "support-assistant/pii-review",
            In(Stages.Canary, new Evidence("pii-review", "support-assistant", "2.1.0", "privacy@contoso.example", Now.AddDays(-10), "sha256:ab", SignatureStatus.Valid)));

    private static object[] In(Stages stage, params object[] facts) =>
        [new RolloutContext("support-assistant", "2.1.0", Lever.Scale, stage, Now), .. facts];

    private static SliceMetrics Telemetry(string slice = "all", double p95 = 300, double? usdPerCorrectAnswer = 0.005) => new()
    {
        Role = Role.Candidate,
        Slice = slice,
        Requests = 1000,
        Latency = new Percentiles([new(50, p95 / 2), new(95, p95), new(99, p95 * 1.5)]),
        ErrorRate = 0.01,
        LabeledRequests = 1000,
        Accuracy = 0.9,
        UsdPerCorrectAnswer = usdPerCorrectAnswer,
    };
}
