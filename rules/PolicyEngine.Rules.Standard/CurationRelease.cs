namespace PolicyEngine.Rules.Standard;

/// <summary>
/// What curated data must show (data-curation and hybrid releases): curation is aimed where errors cluster, so the
/// targeted slice must gain, hallucination and calibration must improve where it was aimed, and the data's
/// provenance must be on record.
/// </summary>
[GuardrailPolicy("curation", Owner = "ml-platform@contoso.example")]
public static partial class CurationRelease
{
    /// <summary>Curation fixes where errors cluster: at least one business slice gains two points of accuracy.</summary>
    [GainBreadth("accuracy", BenchmarkLayer.Business, MinMargin = 0.02, MinSlices = 1, Stages = Stages.Offline | Stages.Full, Levers = Levers.DataCuration | Levers.Hybrid)]
    public static partial Guardrail TargetSliceGain { get; }

    /// <summary>Better data hallucinates less: the hallucination rate falls on at least one business slice.</summary>
    [GainBreadth("hallucination_rate", BenchmarkLayer.Business, MinSlices = 1, Stages = Stages.Offline | Stages.Full, Levers = Levers.DataCuration | Levers.Hybrid)]
    public static partial Guardrail FewerHallucinations { get; }

    /// <summary>Cleaner labels calibrate better: calibration error falls on at least one business slice.</summary>
    [GainBreadth("calibration_error", BenchmarkLayer.Business, MinSlices = 1, Stages = Stages.Offline | Stages.Full, Levers = Levers.DataCuration | Levers.Hybrid)]
    public static partial Guardrail BetterCalibrated { get; }

    /// <summary>Regulated work needs lineage: a signed data-provenance record for this version, at most 180 days old.</summary>
    [ComplianceGate("data-provenance", MaxAgeDays = 180, RequireSignature = true, Stages = Stages.Canary | Stages.Full, Levers = Levers.DataCuration | Levers.Hybrid)]
    public static partial Guardrail DataProvenance { get; }
}
