namespace PolicyEngine.Generators.Tests;

/// <summary>Repeated measurement declared on a rollback threshold: checked at compile time.</summary>
[TestClass]
public sealed class MeasurementDeclarationTests
{
    [TestMethod]
    [DataRow("Measurements = -2", "PE0005", "Measurements")]
    [DataRow("Measurements = 3, FailureLimit = -1", "PE0011", "negative FailureLimit")]
    [DataRow("Measurements = 3, ConsecutiveErrorLimit = -1", "PE0011", "negative ConsecutiveErrorLimit")]
    [DataRow("Measurements = 3, MeasurementIntervalSeconds = -5", "PE0011", "negative MeasurementIntervalSeconds")]
    public void ImpossibleMeasurement_IsACompileError(string declaration, string id, string message)
    {
        var diagnostics = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy(declaration)))).Diagnostics;

        var fired = diagnostics.Single(d => d.Id == id);
        Assert.Contains(message, fired.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void UndeclaredMeasurement_LeavesTheGuardrailToTheWatch()
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(GeneratorHarness.Compilation(("Policy.cs", Policy("MinSamples = 10"))));

        Assert.IsEmpty(diagnostics);
        Assert.DoesNotContain("MeasurementPolicy", string.Concat(GeneratorHarness.Sources(driver).Values));
    }

    private static string Policy(string declaration) => $$"""
        using PolicyEngine;

        namespace Contoso.Guardrails;

        [GuardrailPolicy("support-assistant", Owner = "ml-platform@contoso.example")]
        public static partial class SupportAssistant
        {
            /// <summary>Errors may not rise more than 10 % during the canary.</summary>
            [RollbackThreshold("error_rate", MaxRelativeIncrease = 0.10, {{declaration}})]
            public static partial Guardrail ErrorRate { get; }
        }
        """;
}
