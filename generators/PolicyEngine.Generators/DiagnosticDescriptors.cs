using Microsoft.CodeAnalysis;

namespace PolicyEngine.Generators
{
    /// <summary>Every diagnostic the generator reports; each id has a page under docs/diagnostics.</summary>
    internal static class DiagnosticDescriptors
    {
        /// <summary>Every descriptor, for the rule docs' list of build-time checks.</summary>
        public static System.Collections.Generic.IReadOnlyList<DiagnosticDescriptor> All => new[]
        {
            PolicyClassNotStaticPartial,
            GuardrailPropertyNotPartial,
            DuplicateId,
            PercentileOutOfRange,
            NonPositiveLimit,
            UnknownMetric,
            InvalidPredicate,
            MissingOwner,
            MissingRationale,
            InvalidId,
            InvalidThresholds,
            MoreThanOneKind,
            NoStages,
            EmptySlice,
            InvalidScoring,
            OutsidePolicy,
            PassesWhenMissing,
            WrongDirection,
            NegativeThreshold,
            NotMeasuredLive,
            DistributionSettingOnFigure,
            TwoGoodLimits,
            ConfidenceOutOfRange,
            HistoryPercentileWithoutCount,
            DistributionAgainstHistory,
            InvalidMeasurementLimit,
            UnreachableSuccessLimit,
            NothingCanFail,
            EmptyGroup,
            ProbeLimitCount,
            NoLevers,
            InvalidThroughputFloor,
            InvalidGainBreadth,
            InvalidCalibrationBins,
            InvalidCoverageLayers,
            InvalidSequential,
            AgreementOutOfRange,
            ProbePercentileNotMeasured,
            UnnamedGroup,
            DuplicateGroup,
            InvalidWeight,
            UndeclaredGroup,
            GroupedMeasurement,
        };

        private const string Category = "PolicyEngine";

        public static readonly DiagnosticDescriptor PolicyClassNotStaticPartial = Error(
            "PE0001", "Policy class must be a top-level static partial class",
            "Policy class '{0}' must be a top-level, non-generic static partial class");

        public static readonly DiagnosticDescriptor GuardrailPropertyNotPartial = Error(
            "PE0002", "Guardrail property must be a static partial Guardrail property",
            "Guardrail property '{0}' must be declared 'static partial PolicyEngine.Guardrail {0} {{ get; }}'");

        public static readonly DiagnosticDescriptor DuplicateId = Error(
            "PE0003", "Duplicate guardrail id",
            "Guardrail id '{0}' is declared more than once; audits and waivers need each id to name one guardrail");

        public static readonly DiagnosticDescriptor PercentileOutOfRange = Error(
            "PE0004", "Percentile outside (0, 100)",
            "Percentile {0} of guardrail '{1}' must lie strictly between 0 and 100");

        public static readonly DiagnosticDescriptor NonPositiveLimit = Error(
            "PE0005", "Budget, ceiling or count must be positive",
            "{1} of guardrail '{0}' must be positive, but is {2}");

        public static readonly DiagnosticDescriptor UnknownMetric = Error(
            "PE0006", "Unknown metric",
            "Guardrail '{0}' names the unknown metric '{1}'; known metrics are {2}");

        public static readonly DiagnosticDescriptor InvalidPredicate = Error(
            "PE0007", "Invalid custom guardrail signature",
            "Custom guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor MissingOwner = Error(
            "PE0008", "Guardrail has no owner",
            "Guardrail '{0}' has no owner; set Owner on [GuardrailPolicy] or on the guardrail");

        public static readonly DiagnosticDescriptor MissingRationale = new(
            "PE0009", "Guardrail has no rationale",
            "Guardrail '{0}' has no XML doc <summary>; auditors read it as the guardrail's rationale",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("PE0009"));

        public static readonly DiagnosticDescriptor InvalidId = Error(
            "PE0010", "Invalid policy name or guardrail id",
            "'{0}' is not a valid {1}: use lower-case letters and digits in words joined by single hyphens");

        public static readonly DiagnosticDescriptor InvalidThresholds = Error(
            "PE0011", "Missing or several thresholds",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor MoreThanOneKind = Error(
            "PE0012", "More than one guardrail attribute on a member",
            "Member '{0}' carries more than one guardrail attribute; declare one guardrail per member");

        public static readonly DiagnosticDescriptor NoStages = Error(
            "PE0013", "Guardrail applies to no stage",
            "Guardrail '{0}' applies to no stage; give Stages at least one of Offline, Canary, Full");

        public static readonly DiagnosticDescriptor EmptySlice = Error(
            "PE0014", "Empty slice name",
            "Guardrail '{0}' names an empty slice; use 'all' for the whole traffic");

        public static readonly DiagnosticDescriptor InvalidScoring = Error(
            "PE0015", "Score thresholds out of order",
            "Policy '{0}' {1}");

        public static readonly DiagnosticDescriptor OutsidePolicy = Error(
            "PE0016", "Guardrail outside a policy class",
            "'{0}' carries [{1}] but is not a member of a [GuardrailPolicy] class{2}; it would never run, and the gate would pass without it");

        public static readonly DiagnosticDescriptor PassesWhenMissing = new(
            "PE0017", "Custom guardrail passes when a metric is missing",
            "Custom guardrail '{0}' passes when {1} is null, so missing data would pass the release; return bool? and null (inconclusive) when a value is missing",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink("PE0017"));

        public static readonly DiagnosticDescriptor WrongDirection = Error(
            "PE0018", "Threshold in the metric's good direction",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor NegativeThreshold = Error(
            "PE0019", "Negative threshold",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor NotMeasuredLive = Error(
            "PE0020", "Metric not measured on the live layer",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor DistributionSettingOnFigure = Error(
            "PE0021", "Distribution setting on a single figure",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor TwoGoodLimits = Error(
            "PE0022", "Two limits in the good direction",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor ConfidenceOutOfRange = Error(
            "PE0023", "Confidence outside (0, 1)",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor HistoryPercentileWithoutCount = Error(
            "PE0024", "History percentile without a history count",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor DistributionAgainstHistory = Error(
            "PE0025", "Distribution compared with history",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor InvalidMeasurementLimit = Error(
            "PE0026", "Invalid measurement limit",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor UnreachableSuccessLimit = Error(
            "PE0027", "Consecutive success limit above the measurements",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor NothingCanFail = Error(
            "PE0028", "No failure limit and no success limit",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor EmptyGroup = Error(
            "PE0029", "Empty metric group on a threshold",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor ProbeLimitCount = Error(
            "PE0030", "Probe budget without exactly one limit",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor AgreementOutOfRange = Error(
            "PE0031", "Agreement outside (0, 1]",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor ProbePercentileNotMeasured = Error(
            "PE0032", "Probe percentile not measured",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor UnnamedGroup = Error(
            "PE0033", "Metric group without a name",
            "Policy '{0}' {1}");

        public static readonly DiagnosticDescriptor DuplicateGroup = Error(
            "PE0034", "Metric group declared twice",
            "Policy '{0}' {1}");

        public static readonly DiagnosticDescriptor InvalidWeight = Error(
            "PE0035", "Metric group weight not positive",
            "Policy '{0}' {1}");

        public static readonly DiagnosticDescriptor UndeclaredGroup = Error(
            "PE0036", "Threshold scores in an undeclared group",
            "Policy '{0}' {1}");

        public static readonly DiagnosticDescriptor GroupedMeasurement = Error(
            "PE0037", "Scored threshold declares its own measurement",
            "Policy '{0}' {1}");

        public static readonly DiagnosticDescriptor NoLevers = Error(
            "PE0038", "Guardrail applies to no lever",
            "Guardrail '{0}' sets Levers = None, so it never applies; name the levers it judges (e.g. Levers.Scale | Levers.Hybrid) or leave the default, every lever");

        public static readonly DiagnosticDescriptor InvalidThroughputFloor = Error(
            "PE0039", "Throughput floor not a positive number",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor InvalidGainBreadth = Error(
            "PE0040", "Breadth of gain without a reachable minimum",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor InvalidCalibrationBins = Error(
            "PE0041", "Calibration bins out of range or in conflict",
            "Policy '{0}' {1}");

        public static readonly DiagnosticDescriptor InvalidCoverageLayers = Error(
            "PE0042", "Benchmark coverage layers empty, repeated or live",
            "Guardrail '{0}' {1}");

        public static readonly DiagnosticDescriptor InvalidSequential = Error(
            "PE0043", "Sequential threshold that a confidence sequence cannot judge",
            "Guardrail '{0}' {1}");

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

        private static string HelpLink(string id) => $"docs/diagnostics/{id}.md";
    }
}
