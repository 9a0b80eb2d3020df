using PolicyEngine.Evaluation;
using PolicyEngine.Gate.Records;

namespace PolicyEngine.Gate.Tests;

/// <summary>What a canary's earlier decisions counted, read back for a gate that a pipeline calls again and again.</summary>
[TestClass]
public sealed class SequenceFloorsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReleaseIdentity Release = new("m", "2", Lever.Scale);

    [TestMethod]
    public void TheFloor_IsTheMostAnyEarlierDecisionOnTheCanaryCounted_JudgedBeforeThisOne()
    {
        using var files = new TempFiles();
        using var store = new DirectoryStore(files.PathOf("records"));
        var pack = new SequentialPack();
        var first = Append(store, pack, minutes: 1, samples: 900);
        Append(store, pack, minutes: 2, samples: 840);
        Append(store, pack, minutes: 3, samples: 5000, start: Start.AddMinutes(1));
        Append(store, pack, minutes: 4, samples: 5000, release: Release with { Version = "3" });
        Append(store, pack, minutes: 5, samples: 5000, fingerprint: "sha256:" + new string('1', 64));

        var (floors, records) = SequenceFloors.Load(store, pack, Release, Start, Start.AddMinutes(10));
        var (before, _) = SequenceFloors.Load(store, pack, Release, Start, Start.AddMinutes(1.5));
        var (none, nothing) = SequenceFloors.Load(store, pack, Release, Start, Start.AddMinutes(1));

        var floor = floors.Single();
        Assert.AreEqual(900L, floor.Samples, "after a fall (840) the floor is still the 900 counted before it");
        Assert.AreEqual(first.DecisionId, floor.DecisionId);
        Assert.AreEqual(("sequential/errors", "all"), (floor.GuardrailId, floor.Slice));
        Assert.AreEqual("decision-record", records.Single().Kind);
        Assert.AreEqual(900L, before.Single().Samples, "only decisions judged before this one count");
        Assert.IsEmpty(none);
        Assert.IsEmpty(nothing);
    }

    [TestMethod]
    public void APackWithoutSequentialThresholds_ReadsNothing()
    {
        using var files = new TempFiles();
        using var store = new DirectoryStore(files.PathOf("records"));
        Append(store, new SequentialPack(), minutes: 1, samples: 900);

        var (floors, records) = SequenceFloors.Load(store, new SequentialPack(sequential: false), Release, Start, Start.AddMinutes(10));

        Assert.IsEmpty(floors);
        Assert.IsEmpty(records);
    }

    private static DecisionRecord Append(DirectoryStore store, SequentialPack pack, int minutes, long samples, DateTimeOffset? start = null, ReleaseIdentity? release = null, string? fingerprint = null)
    {
        var record = new DecisionRecord
        {
            DecisionId = Guid.CreateVersion7(),
            DecidedAt = Start.AddMinutes(minutes),
            CanaryStart = start ?? Start,
            Verdict = Verdict.Hold,
            ExitCode = 3,
            Stage = Stages.Canary,
            Reason = "keep measuring",
            Policy = new PolicyIdentity(pack.Name, fingerprint ?? pack.Fingerprint, 1),
            Release = release ?? Release,
            Inputs = [],
            Findings = [new Finding("sequential/errors", GuardrailKind.RollbackThreshold, Severity.Block, Outcome.Inconclusive, "all", 0.001, 0.01, samples, "straddles") { Lower = -0.01, Upper = 0.02 }],
            Errors = [],
            Timings = new Timings(0, 0, 0),
            ToolVersion = "test",
        };
        store.Append(record, TimeProvider.System);
        return record;
    }

    /// <summary>One error-rate threshold, sequential unless told otherwise.</summary>
    private sealed class SequentialPack(bool sequential = true) : PolicyPack
    {
        public override string Name => "sequential";

        public override string Fingerprint => "sha256:" + new string('0', 64);

        public override string CanonicalForm => "";

        public override IReadOnlyList<Guardrail> Guardrails { get; } =
        [
            new()
            {
                Id = "sequential/errors",
                Policy = "sequential",
                Member = "Errors",
                Kind = GuardrailKind.RollbackThreshold,
                Spec = new PolicyEngine.Specs.RollbackThresholdSpec
                {
                    Metric = PolicyEngine.Specs.TelemetryMetric.ErrorRate, Change = ChangeLimit.AbsoluteIncrease, Limit = 0.01, MinSamples = 100,
                    Sequential = sequential ? new PolicyEngine.Specs.SequentialSpec { Confidence = 0.95 } : null,
                },
                Stages = Stages.Canary,
                Owner = "o",
                Requirement = "q",
            },
        ];

        public override IReadOnlyList<double> LatencyPercentiles => [];

        public override string RuleDocs => "";

        public override IReadOnlyList<NRules.Fluent.Dsl.Rule> CreateRules() => [];
    }
}
