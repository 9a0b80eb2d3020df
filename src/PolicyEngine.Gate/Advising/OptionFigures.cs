namespace PolicyEngine.Gate.Advising;

/// <summary>An option's accuracy on one business slice against the current model's.</summary>
/// <param name="Slice">The slice.</param>
/// <param name="Candidate">The option's accuracy.</param>
/// <param name="Baseline">The current model's.</param>
public sealed record SliceGain(string Slice, double Candidate, double Baseline)
{
    /// <summary>The gain, in accuracy points (0.01 = one point).</summary>
    public double Gain => Candidate - Baseline;
}

/// <summary>One case of the scenario analysis: what the option is worth if only part of its projected lift materializes.</summary>
/// <param name="Realized">The share of the projected lift realized: 1, 0.5, 0.1.</param>
/// <param name="MonthlyBenefitUsd">Extra correct answers a month, times their worth.</param>
/// <param name="NetUsd">Benefit minus extra cost over the horizon, one-time costs included.</param>
public sealed record Scenario(double Realized, double MonthlyBenefitUsd, double NetUsd);

/// <summary>What advise computes for one option (docs/advise.md).</summary>
/// <param name="Name">The option.</param>
/// <param name="Lever">The lever it pulls.</param>
/// <param name="P95Ms">P95 request latency of its telemetry.</param>
/// <param name="TtftP95Ms">P95 time to first token, when measured.</param>
/// <param name="UsdPerQuery">Serving cost per query.</param>
/// <param name="UsdPerCorrectAnswer">Serving cost per correct answer (live labels).</param>
/// <param name="Accuracy">Business-layer accuracy on the whole, from its evaluation report.</param>
/// <param name="Lift">Its business-layer accuracy minus the current model's: the projected lift.</param>
/// <param name="Slices">Business slices where both were measured.</param>
/// <param name="MonthlyInferenceUsd">Serving cost a month at the business's query volume.</param>
/// <param name="MonthlyOtherUsd">Other monthly costs given.</param>
/// <param name="OneTimeUsd">One-time costs given.</param>
/// <param name="ExtraMonthlyUsd">What it costs a month beyond the current model (negative: it saves).</param>
/// <param name="Scenarios">The value at 100 %, 50 % and 10 % of the projected lift.</param>
/// <param name="BreakEven">The share of the projected lift at which it pays for itself over the horizon, or null when it cannot.</param>
/// <param name="Blockers">Why the framework rules it out, in words; empty when it is admissible.</param>
/// <param name="Conditions">What would lift each blocker, in words, in the same order.</param>
/// <param name="Baseline">The current model as this option's own files measured it: what it is compared with.</param>
public sealed record OptionFigures(
    string Name,
    Lever Lever,
    double P95Ms,
    double? TtftP95Ms,
    double UsdPerQuery,
    double UsdPerCorrectAnswer,
    double Accuracy,
    double Lift,
    IReadOnlyList<SliceGain> Slices,
    double MonthlyInferenceUsd,
    double MonthlyOtherUsd,
    double OneTimeUsd,
    double ExtraMonthlyUsd,
    IReadOnlyList<Scenario> Scenarios,
    double? BreakEven,
    IReadOnlyList<string> Blockers,
    IReadOnlyList<string> Conditions,
    CurrentModel Baseline)
{
    /// <summary>The margin a slice must gain by to count as a gain (one point).</summary>
    public const double GainMargin = 0.01;

    /// <summary>Slices that gained at least a point.</summary>
    public int SlicesGained => Slices.Count(s => s.Gain >= GainMargin);

    /// <summary>The share of slices that gained at least a point: broad when 0.6 or more.</summary>
    public double Breadth => Slices.Count == 0 ? 0 : SlicesGained / (double)Slices.Count;

    /// <summary>The worst slice's gain (negative: a regression).</summary>
    public double WorstSliceGain => Slices.Count == 0 ? 0 : Slices.Min(s => s.Gain);

    /// <summary>The expected case: half the projected lift.</summary>
    public Scenario Expected => Scenarios.Single(s => s.Realized == 0.5);

    /// <summary>Whether the framework admits it.</summary>
    public bool Admissible => Blockers.Count == 0;
}

/// <summary>The model served today, as the options' baseline rows and results show it.</summary>
/// <param name="P95Ms">P95 request latency.</param>
/// <param name="UsdPerQuery">Serving cost per query.</param>
/// <param name="UsdPerCorrectAnswer">Serving cost per correct answer.</param>
/// <param name="Accuracy">Business-layer accuracy on the whole.</param>
/// <param name="Slices">Business-layer accuracy by slice.</param>
public sealed record CurrentModel(double P95Ms, double UsdPerQuery, double UsdPerCorrectAnswer, double Accuracy, IReadOnlyDictionary<string, double> Slices);
