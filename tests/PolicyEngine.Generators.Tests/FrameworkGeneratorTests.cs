using PolicyEngine.Gate.Packs;

namespace PolicyEngine.Generators.Tests;

/// <summary>The framework's additions to authoring: a pack's calibration bins, levers in the fingerprint, and how diff reads the new fields.</summary>
[TestClass]
public sealed class FrameworkGeneratorTests
{
    private const string Policy = """
        using PolicyEngine;

        namespace Contoso.Guardrails;

        [GuardrailPolicy("assistant", Owner = "ml@contoso.example"{0})]
        public static partial class Assistant
        {{
            /// <summary>Live confidence means what it says.</summary>
            [QualityFloor("calibration_error", BenchmarkLayer.Live, Max = 0.05)]
            public static partial Guardrail Calibrated {{ get; }}

            /// <summary>Gains on most slices.</summary>
            [GainBreadth("accuracy", BenchmarkLayer.Business, MinMargin = 0.01, MinSlices = {1})]
            public static partial Guardrail BroadGain {{ get; }}

            /// <summary>A bigger model earns its cost.</summary>
            [CostCeiling(CostMetric.UsdPerCorrectAnswer, Max = 0.01{2})]
            public static partial Guardrail Economics {{ get; }}
        }}
        """;

    private static string Source(string bins = "", int slices = 3, string levers = "") => string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, bins, slices, levers);

    [TestMethod]
    public void CalibrationBins_ReachThePack_AndTheFingerprint_OnlyWhenSet()
    {
        var standard = GeneratedCodeTests.LoadPack(Source());
        var explicitTen = GeneratedCodeTests.LoadPack(Source(", CalibrationBins = 10"));
        var fifteen = GeneratedCodeTests.LoadPack(Source(", CalibrationBins = 15"));

        Assert.AreEqual(10, standard.CalibrationBins);
        Assert.AreEqual(15, fifteen.CalibrationBins);
        Assert.AreEqual(standard.Fingerprint, explicitTen.Fingerprint, "the default, written out, is no change");
        Assert.AreNotEqual(standard.Fingerprint, fifteen.Fingerprint, "the bins define the figure a guardrail limits");
    }

    [TestMethod]
    public void PoliciesOfOnePack_ThatDisagreeOnCalibrationBins_AreRefused()
    {
        var other = """
            using PolicyEngine;

            [GuardrailPolicy("other", Owner = "ml@contoso.example", CalibrationBins = 20)]
            public static partial class Other
            {
                /// <summary>Calibrated.</summary>
                [QualityFloor("calibration_error", BenchmarkLayer.Live, Max = 0.1)]
                public static partial Guardrail Calibrated { get; }
            }
            """;

        var (_, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("A.cs", Source(", CalibrationBins = 15")), ("B.cs", other)));

        var refused = diagnostics.Single(d => d.Id == "PE0041");
        StringAssert.Contains(refused.GetMessage(System.Globalization.CultureInfo.InvariantCulture), "sets CalibrationBins = 20, but policy 'assistant' of the same pack sets 15");
    }

    [TestMethod]
    public void Diff_ReadsLeversAndBreadth_InTheirDirections()
    {
        var before = GeneratedCodeTests.LoadPack(Source());
        var after = GeneratedCodeTests.LoadPack(Source(slices: 2, levers: ", Levers = Levers.Scale"));

        var diff = PackDiff.Of(before, after);

        Assert.IsTrue(diff.Relaxes);
        var levers = diff.Changes.Single(c => c.Subject == "assistant/economics");
        Assert.AreEqual(ChangeEffect.Relaxed, levers.Effect, "a guardrail for fewer levers judges fewer releases");
        StringAssert.Contains(levers.What, "levers every lever → Scale");
        Assert.AreEqual(ChangeEffect.Relaxed, diff.Changes.Single(c => c.Subject == "assistant/broad-gain").Effect, "fewer slices need to gain");
        Assert.AreEqual(ChangeEffect.Tightened, PackDiff.Of(after, before).Changes.Single(c => c.Subject == "assistant/broad-gain").Effect);
    }
}
