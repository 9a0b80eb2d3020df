using PolicyEngine.Statistics;

namespace PolicyEngine.Tests;

/// <summary>The beta function's logarithms against closed forms that need no continued fraction.</summary>
[TestClass]
public sealed class BetaTests
{
    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(11)]
    [DataRow(171)]
    public void LogGamma_OfWholeNumbers_IsTheLogOfTheFactorial(int x)
    {
        var logFactorial = Enumerable.Range(1, x - 1).Sum(i => Math.Log(i));

        Assert.AreEqual(logFactorial, Gamma.Log(x), 1e-12 * Math.Max(1, logFactorial));
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(-2.5)]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    public void LogGamma_OutsideItsDomain_IsRefused(double x) =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Gamma.Log(x));

    [TestMethod]
    public void LogGamma_OfAHalf_IsHalfTheLogOfPi() =>
        Assert.AreEqual(0.5 * Math.Log(Math.PI), Gamma.Log(0.5), 1e-14);

    [TestMethod]
    [DataRow(0.3, 1.0, 1.0)]
    [DataRow(0.9, 1.0, 1.0)]
    [DataRow(0.2, 3.5, 1.0)]
    [DataRow(0.95, 3.5, 1.0)]
    [DataRow(0.01, 1.0, 250.0)]
    [DataRow(0.7, 1.0, 250.0)]
    [DataRow(0.999, 40.0, 1.0)]
    public void LogIncomplete_WithAParameterOfOne_HasAClosedForm(double x, double a, double b)
    {
        // B_x(a, 1) = xᵃ / a and B_x(1, b) = (1 − (1 − x)ᵇ) / b: both branches of the fraction (x below and above the mean).
        var expected = b == 1 ? (a * Math.Log(x)) - Math.Log(a) : Math.Log(1 - Math.Pow(1 - x, b)) - Math.Log(b);

        Assert.AreEqual(expected, Beta.LogIncomplete(a, b, x), 1e-12 * Math.Max(1, Math.Abs(expected)));
    }

    [TestMethod]
    [DataRow(0.5)]
    [DataRow(30.0)]
    [DataRow(4000.0)]
    [DataRow(2.5e6)]
    public void LogIncomplete_OfASymmetricBeta_AtOneHalf_IsHalfTheWhole(double a) =>
        Assert.AreEqual(Beta.Log(a, a) - Math.Log(2), Beta.LogIncomplete(a, a, 0.5), 1e-13 * Math.Abs(Beta.Log(a, a)));

    [TestMethod]
    public void LogIncomplete_AtOne_IsTheWhole_AndOutsideItsDomain_IsRefused()
    {
        Assert.AreEqual(Beta.Log(3, 4), Beta.LogIncomplete(3, 4, 1));
        Assert.AreEqual(Math.Log(1.0 / 60), Beta.Log(3, 4), 1e-14, "B(3, 4) = 2! 3! / 6!");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Beta.LogIncomplete(0, 1, 0.5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Beta.LogIncomplete(1, double.PositiveInfinity, 0.5));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Beta.LogIncomplete(1, 1, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Beta.LogIncomplete(1, 1, double.NaN));
    }
}
