using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PolicyEngine.Evaluation;

namespace PolicyEngine.Benchmarks;

/// <summary>
/// Many seeded canaries watched look after look by today's judge — the real generated rules of two rollback
/// thresholds (error rate: a plain comparison; latency: Mann–Whitney and the Hodges–Lehmann shift), each a
/// measurement series under Argo's limits (a failed look rolls back) — on data that grows with every look, as a
/// watch over a telemetry file or cumulative Prometheus counters sees it. Reports the false rollback rate of
/// identical arms (A/A) by number of looks, and for regressions the detection rate and the looks to detect; the
/// same thresholds declared <c>Sequential</c> are the anytime-valid judges it compares (<c>--judge</c>), and
/// <c>--metric p95</c> watches a P95 threshold on tail regressions instead (docs/canary.md, "Looking again and
/// again", "Anytime-valid judges"). <c>dotnet run -c Release --project tests/PolicyEngine.Benchmarks -- canary-simulation</c>.
/// </summary>
public static class CanarySimulation
{
    private static readonly (string Summary, string Attribute, string Member)[] ErrorsAndLatency =
    [
        ("The error rate may rise by at most one point.", "\"error_rate\", MaxAbsoluteIncrease = 0.01, MinSamples = 100", "Errors"),
        ("Latency may shift up by at most 5 %.", "\"latency\", MaxRelativeIncrease = 0.05, MinSamples = 100", "Latency"),
    ];

    private static readonly (string Summary, string Attribute, string Member)[] Tail =
    [
        ("The P95 latency may rise by at most 10 %.", "\"latency_p95\", MaxRelativeIncrease = 0.10, MinSamples = 100", "P95"),
    ];

    /// <summary>
    /// The policy a judge watches with: the same rollback thresholds, judged one look at a time (today) or by
    /// confidence sequences over a series of up to 100 measurements, tuned to the arms' split (<paramref name="ratio"/>
    /// baseline requests per candidate request, declared only when not 1).
    /// </summary>
    private static string Source(string name, bool sequential, IEnumerable<(string Summary, string Attribute, string Member)> thresholds, double ratio = 1) =>
        $$"""
        using PolicyEngine;

        /// <summary>The canary the simulation watches.</summary>
        [GuardrailPolicy("{{name}}", Owner = "bench@contoso.example")]
        public static partial class Simulation
        {
        {{string.Join("\n", thresholds.Select(t => $$"""
            /// <summary>{{t.Summary}}</summary>
            [RollbackThreshold({{t.Attribute}}{{(sequential ? ", Sequential = true, Measurements = 100, MeasurementIntervalSeconds = 0" : "")}}{{(sequential && ratio != 1 ? FormattableString.Invariant($", BaselineRatio = {ratio}") : "")}})]
            public static partial Guardrail {{t.Member}} { get; }

        """))}}
        }
        """;

    /// <summary>One kind of canary: how the candidate differs from the baseline.</summary>
    /// <param name="Name">For the table.</param>
    /// <param name="LatencyFactor">The candidate's latency, as a multiple of the baseline's.</param>
    /// <param name="ErrorIncrease">The candidate's error rate above the baseline's, absolute.</param>
    /// <param name="Regression">Whether a judge should roll it back: a change beyond a threshold's limit.</param>
    /// <param name="Sigma">The candidate's log-latency spread (the baseline's is 0.5): a wider one raises the tail, not the median.</param>
    public sealed record Scenario(string Name, double LatencyFactor, double ErrorIncrease, bool Regression, double Sigma = 0.5);

    /// <summary>What the judge did with one canary: the look it rolled back at (or null), the threshold that failed, the look it was promoted at.</summary>
    public sealed record Watched(Scenario Scenario, int? RolledBackAt, string? FailedBy = null, int? PromotedAt = null);

    /// <summary>The scenarios: A/A, latency regressions of 5, 10 and 20 %, error increases of 0.5, 1 and 2 points.</summary>
    public static IReadOnlyList<Scenario> Scenarios { get; } =
    [
        new("A/A (identical arms)", 1.0, 0, false),
        new("latency +5 % (at the limit)", 1.05, 0, false),
        new("latency +10 %", 1.10, 0, true),
        new("latency +20 %", 1.20, 0, true),
        new("errors +0.5 points (within the limit)", 1.0, 0.005, false),
        new("errors +2 points", 1.0, 0.02, true),
        new("errors +3 points", 1.0, 0.03, true),
    ];

    /// <summary>The tail scenarios (<c>--metric p95</c>): the candidate's P95 up by 0, 10 (the limit), 20 and 40 %, its median unchanged.</summary>
    public static IReadOnlyList<Scenario> TailScenarios { get; } =
    [
        new("A/A (identical arms)", 1.0, 0, false),
        new("P95 +10 % (at the limit)", 1.0, 0, false, TailSigma(1.10)),
        new("P95 +20 %", 1.0, 0, true, TailSigma(1.20)),
        new("P95 +40 %", 1.0, 0, true, TailSigma(1.40)),
    ];

    /// <summary>Runs the simulation and prints its tables; arguments: [--canaries N] [--looks N] [--per-look N] [--baseline-per-look N] [--baseline-ratio R] [--seed N] [--judge today|sequential|both] [--metric errors-and-latency|p95].</summary>
    public static int Run(string[] args)
    {
        var canaries = Argument(args, "--canaries", 400);
        var looks = Argument(args, "--looks", 100);
        var perLook = Argument(args, "--per-look", 50);
        // A canary on a tenth of the traffic meets a baseline ten times its size: --baseline-per-look 500 beside 50.
        var baselinePerLook = Argument(args, "--baseline-per-look", perLook);
        // The sequential thresholds declare the split they are run at; --baseline-ratio 1 tunes the arms alike (as before BaselineRatio).
        var i = Array.IndexOf(args, "--baseline-ratio");
        var ratio = i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : baselinePerLook / (double)perLook;
        var arms = baselinePerLook == perLook ? $"{perLook} requests an arm" : $"{perLook} candidate and {baselinePerLook} baseline requests";
        var seed = Argument(args, "--seed", 20261204);
        var judge = args.SkipWhile(a => a != "--judge").Skip(1).FirstOrDefault() ?? "both";
        var tail = args.SkipWhile(a => a != "--metric").Skip(1).FirstOrDefault() == "p95";
        var scenarios = tail ? TailScenarios : Scenarios;
        var thresholds = tail ? Tail : ErrorsAndLatency;
        var judges = new[]
        {
            ("today", Source(tail ? "simulation-p95" : "simulation", false, thresholds), false),
            ("sequential", Source(tail ? "sequential-p95" : "sequential", true, thresholds, ratio), true),
        };
        foreach (var (name, source, sequential) in judges.Where(j => judge == "both" || judge == j.Item1))
        {
            Console.Error.WriteLine($"canary-simulation: {name}'s judge, {canaries} canaries a scenario, up to {looks} looks of {arms}{(sequential && ratio != 1 ? FormattableString.Invariant($", tuned for {ratio} baseline requests per candidate request") : "")}, seed {seed}");
            var pack = SyntheticPack.Build([("Policy.cs", source)], $"CanarySimulation{name}{(tail ? "P95" : "")}");
            var results = new ConcurrentBag<Watched>();
            foreach (var (scenario, s) in scenarios.Select((x, i) => (x, i)))
            {
                Parallel.For(0, canaries, c => results.Add(Watch(pack, scenario, looks, perLook, seed + (s * 1_000_003) + c, sequential, baselinePerLook)));
            }

            Console.Write(Tables([.. results], scenarios, canaries, looks, arms, seed, sequential));
            Console.WriteLine();
        }

        return 0;
    }

    /// <summary>Watches one canary look after look, until the judge rolls it back or the looks run out.</summary>
    public static Watched Watch(PolicyPack pack, Scenario scenario, int looks, int perLook, int seed, bool sequential = false, int? baselinePerLook = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(scenario);
        var random = new Random(seed);
        var compiled = CompiledPack.For(pack);
        var rules = new MeasurementRules(looks, TimeSpan.Zero, FailureLimit: 0, InconclusiveLimit: MeasurementRules.NoLimit);
        // A sequential threshold's series rolls back at its first failure and promotes at its first pass.
        var series = pack.Guardrails.ToDictionary(g => g.Id, _ => sequential ? new MeasurementSeries(rules, promoteAfter: 1) : new MeasurementSeries(rules));
        var candidate = new List<double>();
        var baseline = new List<double>();
        // Today's P95 threshold reads the figure the telemetry's aggregation gives; only its pack pays for sorting.
        var p95 = pack.Guardrails.Any(g => g.Spec is Specs.RollbackThresholdSpec { Metric: Specs.TelemetryMetric.LatencyP95, Sequential: null });
        int candidateErrors = 0, baselineErrors = 0;
        const double baselineErrorRate = 0.02;
        for (var look = 1; look <= looks; look++)
        {
            // Equal arms draw in the same order as they always have, so the published figures stay reproducible.
            var more = baselinePerLook ?? perLook;
            for (var i = 0; i < Math.Max(perLook, more); i++)
            {
                var (b, c) = (i < more, i < perLook);
                if (b)
                {
                    baseline.Add(Latency(random));
                }

                if (c)
                {
                    candidate.Add(Latency(random, scenario.Sigma) * scenario.LatencyFactor);
                }

                baselineErrors += b && random.NextDouble() < baselineErrorRate ? 1 : 0;
                candidateErrors += c && random.NextDouble() < baselineErrorRate + scenario.ErrorIncrease ? 1 : 0;
            }

            long n = candidate.Count, nb = baseline.Count;
            List<object> facts =
            [
                new RolloutContext("m", "2", Lever.Scale, Stages.Canary, DateTimeOffset.UnixEpoch.AddMinutes(look)),
                new SliceMetrics { Role = Role.Candidate, Slice = "all", Requests = n, ErrorRate = candidateErrors / (double)n, Latency = p95 ? P95(candidate) : Percentiles.None },
                new SliceMetrics { Role = Role.Baseline, Slice = "all", Requests = nb, ErrorRate = baselineErrors / (double)nb, Latency = p95 ? P95(baseline) : Percentiles.None },
                new MetricSamples(Role.Candidate, "all", SampledMetric.Latency, candidate.ToArray()),
                new MetricSamples(Role.Baseline, "all", SampledMetric.Latency, baseline.ToArray()),
            ];
            foreach (var finding in compiled.Evaluate(facts))
            {
                // As the watch does: a series that has decided takes no more measurements.
                if (series[finding.GuardrailId].Status == MeasurementStatus.Running)
                {
                    series[finding.GuardrailId].Add(finding.Outcome);
                }
            }

            if (series.FirstOrDefault(s => s.Value.Status == MeasurementStatus.Failed) is { Key: { } failed })
            {
                return new Watched(scenario, look, failed);
            }

            if (sequential && series.Values.All(s => s.Status == MeasurementStatus.Passed))
            {
                return new Watched(scenario, null, null, look);
            }
        }

        return new Watched(scenario, null);
    }

    /// <summary>The figures as Markdown tables.</summary>
    public static string Tables(IReadOnlyList<Watched> results, IReadOnlyList<Scenario> scenarios, int canaries, int looks, string arms, int seed, bool sequential = false)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scenarios);
        var b = new StringBuilder();
        int[] horizons = [.. new[] { 1, 5, 10, 20, 50, 100 }.Where(h => h <= looks)];
        b.AppendLine(CultureInfo.InvariantCulture, $"{(sequential ? "Sequential judges (95 %)" : "Today's judge")}: {canaries} canaries a scenario, {arms} a look, cumulative, seed {seed}.");
        b.AppendLine();
        b.AppendLine("Rolled back within N looks (share of canaries):");
        b.AppendLine();
        b.AppendLine("| scenario | should roll back | " + string.Join(" | ", horizons.Select(h => $"{h} looks")) + " | median looks to roll back |" + (sequential ? " promoted early | median looks to promote |" : ""));
        b.AppendLine("|---|---|" + string.Concat(horizons.Select(_ => "---:|")) + "---:|" + (sequential ? "---:|---:|" : ""));
        foreach (var scenario in scenarios)
        {
            var mine = results.Where(r => r.Scenario == scenario).ToList();
            var rolled = mine.Where(r => r.RolledBackAt is not null).Select(r => r.RolledBackAt!.Value).Order().ToList();
            var median = rolled.Count * 2 > mine.Count ? rolled[(mine.Count - 1) / 2].ToString(CultureInfo.InvariantCulture) : $"> {looks}";
            var shares = string.Join(" | ", horizons.Select(h => (mine.Count(r => r.RolledBackAt <= h) / (double)mine.Count).ToString("0.000", CultureInfo.InvariantCulture)));
            var promoted = mine.Where(r => r.PromotedAt is not null).Select(r => r.PromotedAt!.Value).Order().ToList();
            var promotion = !sequential ? ""
                : $" {(promoted.Count / (double)mine.Count).ToString("0.000", CultureInfo.InvariantCulture)} | {(promoted.Count * 2 > mine.Count ? promoted[(mine.Count - 1) / 2].ToString(CultureInfo.InvariantCulture) : $"> {looks}")} |";
            b.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Name} | {(scenario.Regression ? "yes" : "no")} | {shares} | {median} |{promotion}");
        }

        b.AppendLine();
        b.AppendLine("Which threshold rolled the identical arms back: " + (results.Any(r => r.Scenario == scenarios[0] && r.FailedBy is not null) ? "" : "none") + string.Join(", ", results.Where(r => r.Scenario == scenarios[0] && r.FailedBy is not null)
            .GroupBy(r => r.FailedBy!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")) + ".");
        return b.ToString();
    }

    /// <summary>Request latency: log-normal around 300 ms, as interactive traffic is.</summary>
    private static double Latency(Random random, double sigma = 0.5)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return 300 * Math.Exp(sigma * normal);
    }

    /// <summary>The log-latency spread that raises the P95 by <paramref name="factor"/> and leaves the median: P95 = 300 e^(1.645 σ).</summary>
    private static double TailSigma(double factor) => 0.5 + (Math.Log(factor) / 1.6448536269514722);

    /// <summary>The P95 as the telemetry file's aggregation computes it (linear between closest ranks), for today's judge.</summary>
    private static Percentiles P95(List<double> values) =>
        new([new KeyValuePair<double, double>(95, Statistics.LinearPercentile.Of([.. values.Order()], 95))]);

    private static int Argument(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
