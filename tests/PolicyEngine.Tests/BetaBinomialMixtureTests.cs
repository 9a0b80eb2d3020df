using PolicyEngine.Statistics;

namespace PolicyEngine.Tests;

/// <summary>
/// The beta-binomial mixture against confseq's own test values (gostevehoward/confseq,
/// test/uniform_boundaries_unittest.cpp) and the Python reference (Reference/confidence_sequences.py, which sums the
/// incomplete beta as a series where the C# takes a continued fraction).
/// </summary>
[TestClass]
public sealed class BetaBinomialMixtureTests
{
    [TestMethod]
    public void TheMixture_MatchesConfseqsOwnTestValues()
    {
        // confseq's BetaBinomialMixture(v_opt 100, alpha_opt 0.05, g 0.2, h 0.8, one-sided): its tuning ρ = 15.8006…
        // (OneSidedNormalMixture::best_rho) is ours at ρ / (g h) trials; s = 10, v = 100 are 135 successes in 625.
        const double rho = 15.80063490685053;
        var mixture = new BetaBinomialMixture(0.2, rho / 0.16);

        Assert.AreEqual(-0.07134019, mixture.Log(135, 625), 1e-8);
        // Its bound at v = 100, α = 0.05 is s = 28.41238: 125 + 28.41238 successes, so the first whole count is 154.
        Assert.AreEqual(154, mixture.FirstCrossing(625, 0.05));
        Assert.IsLessThan(Math.Log(20), mixture.Log(153, 625));
    }

    [TestMethod]
    [DataRow(250L, 0.95, 0.025, 249L, 3.2546127889153595, 3.898466462894284)]
    [DataRow(2000L, 0.99, 0.025, 1992L, 3.0530126005652622, 3.8227795606405426)]
    [DataRow(5000L, 0.5, 0.05, 2601L, 2.977034696195261, 3.053907950446302)]
    [DataRow(1000000L, 0.99, 0.025, 990379L, 3.682299014955875, 3.7213103821232796)]
    public void TheFirstCrossing_MatchesTheReference(long trials, double p, double alpha, long expected, double before, double at)
    {
        var mixture = new BetaBinomialMixture(p, ConfidenceSequence.TunedFor);

        Assert.AreEqual(expected, mixture.FirstCrossing(trials, alpha));
        Assert.AreEqual(before, mixture.Log(expected - 1, trials), 1e-7);
        Assert.AreEqual(at, mixture.Log(expected, trials), 1e-7);
    }

    [TestMethod]
    [DataRow(20280L, 1000000L, 0.02, -1.389542461756089)]
    [DataRow(20560L, 1000000L, 0.02, 4.5625989164831189)]
    [DataRow(502000L, 1000000L, 0.5, 4.5409961738844044)]
    [DataRow(20008854L, 1000000000L, 0.02, -4.8272206373571349)]
    [DataRow(20017709L, 1000000000L, 0.02, 1.1939279570778458)]
    [DataRow(500063246L, 1000000000L, 0.5, 1.0893159739826885)]
    [DataRow(2000177088L, 100000000000L, 0.02, -1.1063647864541843)]
    [DataRow(50000316228L, 100000000000L, 0.5, -7.2363582702573701)]
    [DataRow(50000632456L, 100000000000L, 0.5, -1.2133682495374623)]
    [DataRow(20000280000L, 1000000000000L, 0.02, -8.2804210163773685)]
    [DataRow(20000560000L, 1000000000000L, 0.02, -2.2575102602178046)]
    [DataRow(500002000000L, 1000000000000L, 0.5, -2.3646726163677197)]
    public void AtBillionsOfTrials_TheLogIsNeverAboveTheExactValue_AndLowByNoMoreThanItsRounding(long successes, long trials, double p, double exact)
    {
        // The exact values to 50 digits (Reference/mixture_rounding.py). Unallowed for, rounding put the C# 4 × 10⁻⁴
        // above them at a hundred billion trials, past the crossing's margin of 10⁻⁷: a bound a little too narrow.
        var log = new BetaBinomialMixture(p, ConfidenceSequence.TunedFor).Log(successes, trials);

        Assert.IsLessThanOrEqualTo(exact, log);
        Assert.IsLessThan(1e-8 + (5e-15 * trials * (Math.Log(trials) + 2)), exact - log);
    }

    [TestMethod]
    public void BeyondTheMostTrials_TheLogIsNoEvidence()
    {
        var mixture = new BetaBinomialMixture(0.5, ConfidenceSequence.TunedFor);

        Assert.IsTrue(double.IsFinite(mixture.Log(BetaBinomialMixture.MostTrials, BetaBinomialMixture.MostTrials)));
        Assert.AreEqual(double.NegativeInfinity, mixture.Log(BetaBinomialMixture.MostTrials + 1, BetaBinomialMixture.MostTrials + 1));
        Assert.AreEqual(long.MaxValue, mixture.FirstCrossing(long.MaxValue - 1, 0.05), "no count crosses: the crossing lies past the trials");
    }

    [TestMethod]
    public void WhereNotEvenEveryTrialSucceedingReachesTheLevel_TheCrossingIsPastTheTrials()
    {
        var mixture = new BetaBinomialMixture(0.95, ConfidenceSequence.TunedFor);

        Assert.AreEqual(101, mixture.FirstCrossing(100, 0.025), "100 successes of 100 at 0.95 are 1.36 in logarithms, short of ln 40");
        Assert.AreEqual(1.3645585179612496, mixture.Log(100, 100), 1e-9);
        Assert.AreEqual(1, mixture.FirstCrossing(0, 0.025));
    }

    [TestMethod]
    public void OnTrialsThatSucceedWithExactlyP_TheCountCrossesInAtMostAlphaOfRuns_AtEveryTrial()
    {
        // The exact guarantee, where a normal approximation is weakest: a P99's count (p = 0.99) checked after every
        // one of 5,000 trials in 2,000 seeded runs. A normal mixture on the same counts crossed in 2.55 % of runs at
        // 2.5 % (the skew of a count of rare failures); this one must stay within α.
        const double p = 0.99, alpha = 0.025;
        const int trials = 5000, runs = 2000;
        var mixture = new BetaBinomialMixture(p, ConfidenceSequence.TunedFor);
        var crossing = Enumerable.Range(0, trials + 1).Select(n => mixture.FirstCrossing(n, alpha)).ToArray();
        var random = new Random(41);
        var crossed = 0;
        for (var run = 0; run < runs; run++)
        {
            var successes = 0;
            for (var n = 1; n <= trials; n++)
            {
                successes += random.NextDouble() < p ? 1 : 0;
                if (successes >= crossing[n])
                {
                    crossed++;
                    break;
                }
            }
        }

        Assert.IsLessThanOrEqualTo(alpha * runs, crossed, $"crossed in {crossed} of {runs} runs");
        Assert.IsGreaterThan(0, crossed, "a bound never crossed would say nothing of its width");
    }

    [TestMethod]
    public void OutsideItsDomain_TheMixtureIsRefused()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BetaBinomialMixture(1, 250));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BetaBinomialMixture(double.NaN, 250));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BetaBinomialMixture(0.5, 1));
        var mixture = new BetaBinomialMixture(0.5, 250);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mixture.Log(11, 10));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => mixture.FirstCrossing(10, 0));
    }
}
