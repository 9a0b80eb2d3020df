using PolicyEngine.Statistics;

namespace PolicyEngine.Tests;

/// <summary>The confidence sequences against a reference written independently in Python (Reference/confidence_sequences.py, whose output these are).</summary>
[TestClass]
public sealed class ConfidenceSequenceTests
{
    [TestMethod]
    [DataRow(1, 0.25, 0.05, 21.52219484220795)]
    [DataRow(100, 0.25, 0.05, 25.980670221807117)]
    [DataRow(1000, 0.25, 0.05, 52.99527343506085)]
    [DataRow(10000, 0.0196, 0.025, 50.06750373258948)]
    [DataRow(250, 1.0, 0.1, 57.812679092340666)]
    public void Radius_MatchesTheReference(double n, double variance, double alpha, double expected) =>
        Assert.AreEqual(expected, ConfidenceSequence.Radius(n, variance, alpha), 1e-9);

    [TestMethod]
    [DataRow(20L, 1000L, 0.025, 0.003688499750997585, 0.03631150024900241)]
    [DataRow(0L, 500L, 0.025, 0.0, 0.007669603744449312)]
    [DataRow(480L, 500L, 0.025, 0.9255621326374146, 0.9944378673625853)]
    [DataRow(200L, 5000L, 0.025, 0.030220230909486535, 0.049779769090513466)]
    public void Rate_MatchesTheReference(long successes, long n, double alpha, double lower, double upper)
    {
        var bounds = ConfidenceSequence.Rate(successes, n, alpha);

        Assert.AreEqual(lower, bounds.Lower, 1e-12);
        Assert.AreEqual(upper, bounds.Upper, 1e-12);
    }

    [TestMethod]
    public void Mean_MatchesTheReference()
    {
        var bounds = ConfidenceSequence.Mean(5.7, 0.25, 2000, 0.025);

        Assert.AreEqual(5.660738954456231, bounds.Lower, 1e-12);
        Assert.AreEqual(5.73926104554377, bounds.Upper, 1e-12);
    }

    [TestMethod]
    public void TheSequence_CoversTheTrueRate_AtEveryLook_InAtLeastItsConfidence()
    {
        // 2,000 seeded runs of 200 looks each: a run misses when any look's bounds exclude the true rate.
        var random = new Random(17);
        const double rate = 0.03, alpha = 0.05;
        var missed = 0;
        for (var run = 0; run < 2000; run++)
        {
            long successes = 0, n = 0;
            for (var look = 0; look < 200; look++)
            {
                for (var i = 0; i < 25; i++, n++)
                {
                    successes += random.NextDouble() < rate ? 1 : 0;
                }

                var bounds = ConfidenceSequence.Rate(successes, n, alpha);
                if (rate < bounds.Lower || rate > bounds.Upper)
                {
                    missed++;
                    break;
                }
            }
        }

        Assert.IsLessThanOrEqualTo(alpha * 2000, missed, $"{missed} of 2000 runs left the sequence at some look");
    }

    [TestMethod]
    public void Bounds_CombineTwoArms()
    {
        var a = new Bounds(0.02, 0.04);
        var b = new Bounds(0.01, 0.02);

        Assert.AreEqual(new Bounds(0.0, 0.03), Bounds.Difference(a, b));
        var relative = Bounds.RelativeChange(a, b);
        Assert.AreEqual(0.0, relative.Lower, 1e-12);
        Assert.AreEqual(3.0, relative.Upper, 1e-12);
        Assert.AreEqual(double.PositiveInfinity, Bounds.RelativeChange(a, new Bounds(0, 0.02)).Upper, "no lower bound on the baseline: no upper bound on the change");
    }
}
