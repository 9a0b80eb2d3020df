using PolicyEngine.Testing;

namespace PolicyEngine.Tests;

/// <summary>The test assertions fail when the guardrail does not find what they expect.</summary>
[TestClass]
public sealed class GuardrailAssertTests
{
    private static readonly object[] FastRelease =
    [
        new RolloutContext("m", "1", Lever.Scale, Stages.Full, DateTimeOffset.UnixEpoch),
        new SliceMetrics { Role = Role.Candidate, Slice = "all", Requests = 10, Latency = new Percentiles([new(95, 40)]) },
    ];

    [TestMethod]
    public void Passes_GuardrailPasses_ReturnsFinding() =>
        Assert.AreEqual(40, GuardrailAssert.Passes(GuardrailPack.Instance, "faulty/p95", FastRelease, observed: 40).Observed);

    [TestMethod]
    public void Fails_GuardrailPasses_Throws()
    {
        var error = Assert.ThrowsExactly<GuardrailAssertionException>(() => GuardrailAssert.Fails(GuardrailPack.Instance, "faulty/p95", FastRelease));
        StringAssert.Contains(error.Message, "to be Fail, it was Pass");
    }

    [TestMethod]
    public void Passes_WrongObservedValue_Throws()
    {
        var error = Assert.ThrowsExactly<GuardrailAssertionException>(() => GuardrailAssert.Passes(GuardrailPack.Instance, "faulty/p95", FastRelease, observed: 41));
        StringAssert.Contains(error.Message, "it observed 40");
    }

    [TestMethod]
    public void Passes_UnknownGuardrail_ThrowsListingTheKnownOnes()
    {
        var error = Assert.ThrowsExactly<GuardrailAssertionException>(() => GuardrailAssert.Passes(GuardrailPack.Instance, "faulty/nope", FastRelease));
        StringAssert.Contains(error.Message, "faulty/p95");
    }

    [TestMethod]
    public void Passes_NoFindingOnSlice_Throws() =>
        Assert.ThrowsExactly<GuardrailAssertionException>(() => GuardrailAssert.Passes(GuardrailPack.Instance, "faulty/p95", FastRelease, slice: "billing"));
}
