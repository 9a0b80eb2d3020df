using System.Globalization;
using PolicyEngine.Gate.Inputs;
using PolicyEngine.Gate.Inputs.EvaluationReports;
using PolicyEngine.Gate.Inputs.Telemetry;
using PolicyEngine.Specs;

namespace PolicyEngine.Gate.Advising;

/// <summary>Where the current model stands, in the framework's decision order: where errors cluster, whether latency is the bottleneck.</summary>
/// <param name="ErrorCluster">The business slice where the current model's errors cluster, or null when they are diffuse.</param>
/// <param name="LatencyBottleneck">Whether the current model misses the P95 budget.</param>
/// <param name="Favoured">The lever the diagnosis points to.</param>
/// <param name="Findings">The diagnosis in words.</param>
public sealed record Diagnosis(string? ErrorCluster, bool LatencyBottleneck, Lever Favoured, IReadOnlyList<string> Findings);

/// <summary>What advise concludes (docs/advise.md).</summary>
/// <param name="Current">The model served today; null when the inputs could not show it.</param>
/// <param name="Diagnosis">Where it stands; null when the inputs could not support one.</param>
/// <param name="Options">Each option's figures.</param>
/// <param name="Recommended">The option recommended; null for "keep the current model" or no recommendation.</param>
/// <param name="Reasons">Why, in words.</param>
/// <param name="WouldChange">What would change the recommendation.</param>
/// <param name="Unsupported">Why no recommendation can be made; empty when one is.</param>
/// <param name="Settings">The business figures and targets weighed against.</param>
/// <param name="Inputs">Every file read, with its hash.</param>
public sealed record Advice(
    CurrentModel? Current,
    Diagnosis? Diagnosis,
    IReadOnlyList<OptionFigures> Options,
    string? Recommended,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> WouldChange,
    IReadOnlyList<string> Unsupported,
    AdviceSettings Settings,
    IReadOnlyList<InputFile> Inputs)
{
    /// <summary>Exit 0 with a recommendation (keeping the current model is one), 4 when the inputs cannot support one.</summary>
    public int ExitCode => Unsupported.Count == 0 ? 0 : 4;
}

/// <summary>The business figures and targets the options are weighed against.</summary>
/// <param name="MonthlyQueries">Queries a month.</param>
/// <param name="ValuePerCorrectAnswerUsd">What a correct answer is worth.</param>
/// <param name="HorizonMonths">The months weighed.</param>
/// <param name="P95BudgetMs">The P95 budget.</param>
/// <param name="MaxUsdPerCorrectAnswer">The cost ceiling per correct answer, or null.</param>
public sealed record AdviceSettings(double MonthlyQueries, double ValuePerCorrectAnswerUsd, int HorizonMonths, double P95BudgetMs, double? MaxUsdPerCorrectAnswer);

/// <summary>
/// <c>policyengine advise</c>: weighs two or more options — each a lever with its telemetry, evaluation report and
/// costs — against the current model and each other, in the framework's decision order: where errors cluster
/// (curation), whether latency is the bottleneck (architecture), whether gains are broad enough to pay for capacity
/// (scale); then the scenario analysis at 100 %, 50 % and 10 % of the projected lift (docs/advise.md).
/// </summary>
public static class Advisor
{
    /// <summary>The shares of projected lift the scenario analysis weighs.</summary>
    public static IReadOnlyList<double> Realized { get; } = [1, 0.5, 0.1];

    /// <summary>The breadth a scale option's gains need: a point on 60 % of the slices.</summary>
    public const double BroadShare = 0.6;

    /// <summary>Reads the options file and everything it names, and advises.</summary>
    /// <exception cref="InputException">A file is missing or invalid.</exception>
    public static Advice Advise(string optionsPath)
    {
        var (document, file) = OptionsFile.Load(optionsPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(optionsPath))!;
        var settings = new AdviceSettings(document.MonthlyQueries!.Value, document.ValuePerCorrectAnswerUsd!.Value, document.HorizonMonths ?? 12,
            document.P95BudgetMs ?? 500, document.MaxUsdPerCorrectAnswer);
        var inputs = new List<InputFile> { file };
        var loaded = new List<(OptionDocument Option, TelemetryFacts Telemetry, IReadOnlyList<QualityMetric> Report)>();
        foreach (var option in document.Options!)
        {
            var telemetry = TelemetryLoader.Load(Path.Combine(folder, option.Telemetry!), [50, 90, 95, 99], option.Model);
            var (report, reportFile) = EvaluationReportLoader.Load(Path.Combine(folder, option.EvaluationReport!), option.Model, option.Version);
            inputs.Add(telemetry.File);
            inputs.Add(reportFile);
            loaded.Add((option, telemetry, report));
        }

        return Weigh(settings, loaded, inputs);
    }

    private static Advice Weigh(AdviceSettings settings, List<(OptionDocument Option, TelemetryFacts Telemetry, IReadOnlyList<QualityMetric> Report)> loaded, List<InputFile> inputs)
    {
        var unsupported = new List<string>();
        var (current, problem) = Current(loaded[0].Telemetry, loaded[0].Report, loaded[0].Option.Name!);
        if (problem is not null)
        {
            unsupported.Add(problem);
        }

        var options = new List<OptionFigures>();
        foreach (var (option, telemetry, report) in loaded)
        {
            // Each option against the current model as its own files measured it: the same traffic, the same evaluation.
            var (own, ownProblem) = Current(telemetry, report, option.Name!);
            if (ownProblem is not null && !unsupported.Contains(ownProblem))
            {
                unsupported.Add(ownProblem);
            }

            var (figures, missing) = Figures(option, telemetry, report, own, settings);
            unsupported.AddRange(missing);
            if (figures is not null)
            {
                options.Add(figures);
            }
        }

        if (unsupported.Count > 0 || current is null)
        {
            return new Advice(current, null, options, null, [], [], unsupported, settings, inputs);
        }

        var diagnosis = Diagnose(current, settings);
        var (recommended, reasons, wouldChange) = Recommend(diagnosis, options, settings);
        return new Advice(current, diagnosis, options, recommended, reasons, wouldChange, [], settings, inputs);
    }

    /// <summary>The current model as an option's baseline rows and results show it (the diagnosis reads the first option's).</summary>
    private static (CurrentModel? Current, string? Problem) Current(TelemetryFacts telemetry, IReadOnlyList<QualityMetric> report, string option)
    {
        var all = telemetry.Metrics.SingleOrDefault(m => m.Role == Role.Baseline && m.Slice == Slices.All);
        var accuracy = report.SingleOrDefault(q => q.Role == Role.Baseline && q.Layer == BenchmarkLayer.Business && q.Slice == Slices.All && q.Metric == "accuracy");
        if (all is null)
        {
            return (null, $"{option}: the telemetry has no baseline rows, so the current model cannot be measured; give the current model's requests role baseline");
        }

        if (all.Latency.At(95) is not { } p95 || all.UsdPer1kRequests is not { } per1k || all.UsdPerCorrectAnswer is not { } perCorrect || !double.IsFinite(perCorrect))
        {
            return (null, $"{option}: the baseline rows need latency_ms, cost_usd on every row and correct labels, so the current model's latency and cost per correct answer can be weighed");
        }

        if (accuracy is null)
        {
            return (null, $"{option}: the evaluation report has no baseline business-layer accuracy on slice all, so there is no lift to project");
        }

        var slices = report.Where(q => q.Role == Role.Baseline && q.Layer == BenchmarkLayer.Business && q.Slice != Slices.All && q.Metric == "accuracy")
            .ToDictionary(q => q.Slice, q => q.Value, StringComparer.Ordinal);
        return (new CurrentModel(p95, per1k / 1000, perCorrect, accuracy.Value, slices), null);
    }

    private static (OptionFigures? Figures, List<string> Missing) Figures(OptionDocument option, TelemetryFacts telemetry, IReadOnlyList<QualityMetric> report, CurrentModel? current, AdviceSettings settings)
    {
        var name = option.Name!;
        var missing = new List<string>();
        var all = telemetry.Metrics.SingleOrDefault(m => m.Role == Role.Candidate && m.Slice == Slices.All);
        var accuracy = report.SingleOrDefault(q => q.Role == Role.Candidate && q.Layer == BenchmarkLayer.Business && q.Slice == Slices.All && q.Metric == "accuracy");
        var (p95, per1k, perCorrect) = (all?.Latency.At(95), all?.UsdPer1kRequests, all?.UsdPerCorrectAnswer);
        if (p95 is null || per1k is null || perCorrect is null || !double.IsFinite(perCorrect.Value))
        {
            missing.Add($"{name}: its telemetry needs candidate rows with latency_ms, cost_usd on every row and correct labels, so its latency and cost per correct answer can be weighed");
        }

        if (accuracy is null)
        {
            missing.Add($"{name}: its evaluation report has no candidate business-layer accuracy on slice all, so its lift cannot be projected");
        }

        if (missing.Count > 0 || current is null || p95 is null || per1k is null || perCorrect is null || accuracy is null)
        {
            return (null, missing);
        }

        var slices = report.Where(q => q.Role == Role.Candidate && q.Layer == BenchmarkLayer.Business && q.Slice != Slices.All && q.Metric == "accuracy")
            .Where(q => current.Slices.ContainsKey(q.Slice))
            .Select(q => new SliceGain(q.Slice, q.Value, current.Slices[q.Slice]))
            .OrderBy(s => s.Slice, StringComparer.Ordinal)
            .ToList();
        var lever = Names.Levers[option.Lever!];
        var usdPerQuery = per1k.Value / 1000;
        var lift = accuracy.Value - current.Accuracy;
        var monthlyInference = usdPerQuery * settings.MonthlyQueries;
        var other = option.MonthlyOtherUsd ?? 0;
        var oneTime = option.OneTimeUsd ?? 0;
        var extra = monthlyInference - current.UsdPerQuery * settings.MonthlyQueries + other;
        var scenarios = Realized.Select(r =>
        {
            var benefit = settings.MonthlyQueries * lift * r * settings.ValuePerCorrectAnswerUsd;
            return new Scenario(r, benefit, settings.HorizonMonths * (benefit - extra) - oneTime);
        }).ToList();
        var fullBenefit = settings.MonthlyQueries * lift * settings.ValuePerCorrectAnswerUsd;
        double? breakEven = fullBenefit > 0 ? Math.Max(0, (oneTime / settings.HorizonMonths + extra) / fullBenefit) : null;
        var figures = new OptionFigures(name, lever, p95.Value, all!.Ttft.At(95), usdPerQuery, perCorrect.Value, accuracy.Value, lift, slices,
            monthlyInference, other, oneTime, extra, scenarios, breakEven, [], [], current);
        var blockers = Blockers(figures, settings);
        return (figures with { Blockers = [.. blockers.Select(b => b.Why)], Conditions = [.. blockers.Select(b => b.Would)] }, missing);
    }

    /// <summary>What the framework holds against an option, and what would lift it, each in words with the figures.</summary>
    private static List<(string Why, string Would)> Blockers(OptionFigures o, AdviceSettings settings)
    {
        var blockers = new List<(string, string)>();
        if (o.P95Ms > settings.P95BudgetMs)
        {
            blockers.Add(($"its P95 of {Ms(o.P95Ms)} misses the {Ms(settings.P95BudgetMs)} budget", $"its P95 fell from {Ms(o.P95Ms)} to within {Ms(settings.P95BudgetMs)}"));
        }

        if (settings.MaxUsdPerCorrectAnswer is { } ceiling && o.UsdPerCorrectAnswer > ceiling)
        {
            blockers.Add(($"a correct answer costs {Usd(o.UsdPerCorrectAnswer)} to serve, above the {Usd(ceiling)} ceiling",
                $"a correct answer cost at most {Usd(ceiling)} to serve (now {Usd(o.UsdPerCorrectAnswer)})"));
        }

        if (o.Lever == Lever.Scale && o.Breadth < BroadShare)
        {
            blockers.Add(($"its gain is not broad: a point or more on {o.SlicesGained} of {o.Slices.Count} business slices, where scaling needs {Percent(BroadShare)}",
                $"its gain showed on at least {Percent(BroadShare)} of the business slices (now {o.SlicesGained} of {o.Slices.Count})"));
        }

        if (o.Lever is Lever.Architecture or Lever.Hybrid && o.WorstSliceGain < -0.005)
        {
            var worst = o.Slices.MinBy(s => s.Gain)!;
            blockers.Add(($"it regresses the {worst.Slice} slice by {Points(-worst.Gain)}, and an architecture change may regress no slice",
                $"it no longer regressed the {worst.Slice} slice (now {Signed(worst.Gain)})"));
        }

        return blockers;
    }

    private static Diagnosis Diagnose(CurrentModel current, AdviceSettings settings)
    {
        var findings = new List<string>();
        string? cluster = null;
        if (current.Slices.Count >= 2)
        {
            var errors = current.Slices.ToDictionary(s => s.Key, s => 1 - s.Value, StringComparer.Ordinal);
            var worst = errors.MaxBy(e => e.Value);
            var others = errors.Where(e => e.Key != worst.Key).Select(e => e.Value).Order().ToList();
            var median = others.Count % 2 == 1 ? others[others.Count / 2] : (others[(others.Count / 2) - 1] + others[others.Count / 2]) / 2;
            if (worst.Value >= 2 * median && worst.Value > 0)
            {
                cluster = worst.Key;
                findings.Add($"errors cluster in the {worst.Key} slice: the current model's error rate there is {Percent(worst.Value)}, against {Percent(median)} on the median other slice — curated data fixes a cluster");
            }
            else
            {
                findings.Add($"errors are diffuse: {string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {Percent(e.Value)}"))} — no one slice to curate for");
            }
        }

        var bottleneck = current.P95Ms > settings.P95BudgetMs;
        findings.Add(bottleneck
            ? $"latency is the bottleneck: the current model's P95 is {Ms(current.P95Ms)}, over the {Ms(settings.P95BudgetMs)} budget — an architecture change is bought for latency"
            : $"latency is not the bottleneck: the current model's P95 of {Ms(current.P95Ms)} is within the {Ms(settings.P95BudgetMs)} budget");
        var favoured = (cluster is not null, bottleneck) switch
        {
            (true, true) => Lever.Hybrid,
            (true, false) => Lever.DataCuration,
            (false, true) => Lever.Architecture,
            _ => Lever.Scale,
        };
        if (favoured == Lever.Scale)
        {
            findings.Add("with errors diffuse and latency in budget, capacity is what is left: scale, if the gains are broad and the serving economics hold");
        }

        return new Diagnosis(cluster, bottleneck, favoured, findings);
    }

    private static (string? Recommended, List<string> Reasons, List<string> WouldChange) Recommend(Diagnosis diagnosis, List<OptionFigures> options, AdviceSettings settings)
    {
        var reasons = new List<string>(diagnosis.Findings);
        var wouldChange = new List<string>();
        // Best expected value first; among equals, the option that fits the diagnosis.
        var ranked = options.Where(o => o.Admissible)
            .OrderByDescending(o => Math.Round(o.Expected.NetUsd, 2))
            .ThenByDescending(o => Fits(o.Lever, diagnosis.Favoured))
            .ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var o in options.Where(o => !o.Admissible))
        {
            reasons.Add($"{o.Name} ({Words(o.Lever)}) is ruled out: {string.Join("; ", o.Blockers)}");
            wouldChange.Add($"{o.Name} would be weighed if {string.Join(", and if ", o.Conditions)}");
        }

        var best = ranked.FirstOrDefault();
        if (best is null || best.Expected.NetUsd <= 0)
        {
            reasons.Add(best is null
                ? "no option is admissible: keep the current model"
                : $"no option pays for itself in the expected case: {best.Name}, the best, is worth {Usd0(best.Expected.NetUsd)} over {settings.HorizonMonths} months at half its projected lift — keep the current model");
            if (best is not null && best.BreakEven is { } be)
            {
                wouldChange.Add($"{best.Name} would be recommended if at least {Percent(be)} of its projected lift materialized (break-even), or its costs fell");
            }

            return (null, reasons, wouldChange);
        }

        reasons.Add($"{best.Name} ({Words(best.Lever)}) has the best expected value among the admissible options: "
            + $"{Usd0(best.Expected.NetUsd)} over {settings.HorizonMonths} months at half its projected lift ({Usd0(best.Scenarios[0].NetUsd)} at all of it, {Usd0(best.Scenarios[2].NetUsd)} at a tenth); "
            + (Fits(best.Lever, diagnosis.Favoured) ? $"it fits the diagnosis, which points to {Words(diagnosis.Favoured)}" : $"it does not fit the diagnosis, which points to {Words(diagnosis.Favoured)}: weigh that against its value"));
        reasons.Add($"{best.Name}: accuracy {Signed(best.Lift)} on the business layer ({Percent(best.Baseline.Accuracy)} → {Percent(best.Accuracy)}), a point or more on {best.SlicesGained} of {best.Slices.Count} slices; "
            + $"P95 {Ms(best.P95Ms)} against {Ms(best.Baseline.P95Ms)} today; {Usd(best.UsdPerCorrectAnswer)} per correct answer against {Usd(best.Baseline.UsdPerCorrectAnswer)}; "
            + $"{(best.ExtraMonthlyUsd < 0 ? $"saves {Usd0(-best.ExtraMonthlyUsd)} a month" : $"costs {Usd0(best.ExtraMonthlyUsd)} a month more")}, {Usd0(best.OneTimeUsd)} up front");
        if (best.BreakEven is { } breakEven)
        {
            wouldChange.Add(breakEven == 0
                ? $"{best.Name} saves money even if none of its lift materializes"
                : $"{best.Name} stops paying for itself if less than {Percent(breakEven)} of its projected lift materializes");
        }

        if (ranked.Count > 1)
        {
            var runnerUp = ranked[1];
            wouldChange.Add($"{runnerUp.Name} would be recommended instead if its expected value exceeded {best.Name}'s by {Usd0(best.Expected.NetUsd - runnerUp.Expected.NetUsd)} over {settings.HorizonMonths} months");
        }

        return (best.Name, reasons, wouldChange);
    }

    /// <summary>Whether a lever answers the diagnosis: a hybrid (architecture and curation) answers either, and both answer a hybrid diagnosis.</summary>
    private static bool Fits(Lever lever, Lever favoured) =>
        lever == favoured
        || lever == Lever.Hybrid && favoured is Lever.Architecture or Lever.DataCuration
        || favoured == Lever.Hybrid && lever is Lever.Architecture or Lever.DataCuration;

    internal static string Words(Lever lever) => lever == Lever.DataCuration ? "data curation" : lever.ToString().ToLowerInvariant();

    internal static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms");

    internal static string Usd(double usd) => string.Create(CultureInfo.InvariantCulture, $"${usd:0.####}");

    internal static string Usd0(double usd) => (usd < 0 ? "−" : "") + string.Create(CultureInfo.InvariantCulture, $"${Math.Abs(usd):#,0}");

    internal static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#} %");

    internal static string Points(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.##} points");

    internal static string Signed(double share) => (share >= 0 ? "+" : "−") + Points(Math.Abs(share));
}
