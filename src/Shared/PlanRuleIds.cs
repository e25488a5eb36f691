namespace PodBench.Shared;

/// <summary>
/// The stable ids of the plan rules. The compiler reports them as diagnostics and the runner as start-up errors;
/// ids are never reused or renumbered (see docs/diagnostics.md).
/// </summary>
internal static class PlanRuleIds
{
    public const string PlanNotDerived = "PB0001";
    public const string PlanAbstract = "PB0002";
    public const string PlanNoPublicConstructor = "PB0003";
    public const string MultiplePlans = "PB0004";
    public const string UserEntryPoint = "PB0005";
    public const string DuplicateModelAbbr = "PB0006";
    public const string DuplicateDatasetAbbr = "PB0007";
    public const string UnsafeAbbr = "PB0008";
    public const string UndeclaredModel = "PB0009";
    public const string UndeclaredDataset = "PB0010";
    public const string EmptyPodGroup = "PB0011";
    public const string LengthMinAboveMax = "PB0012";
    public const string LengthOutOfRange = "PB0013";
    public const string ZipfAlphaOutOfRange = "PB0014";
    public const string NegativeVariance = "PB0015";
    public const string RequestCountOutOfRange = "PB0016";
    public const string IllegalStatistic = "PB0017";
    public const string TooManyStatistics = "PB0018";
    public const string LiteralApiKey = "PB0019";
    public const string DuplicatePodGroup = "PB0020";
    public const string ConcurrencyBelowOne = "PB0021";
    public const string RetryBelowOne = "PB0022";
    public const string PrefixLenAboveRequestSize = "PB0023";
    public const string RequestSizeOutOfRange = "PB0024";
    public const string ReplicasBelowOne = "PB0025";
    public const string EmptyPlan = "PB0026";
    public const string WaitLimitOutOfRange = "PB0027";
    public const string PromptFileOptionOutOfRange = "PB0028";
    public const string PromptFileMinAboveMax = "PB0029";
    public const string GoodputLimitNotPositive = "PB0030";
    public const string MultiTurnOptionOutOfRange = "PB0035";
    public const string NegativeThinkTime = "PB0036";
    public const string ServerMetricsIntervalOutOfRange = "PB0040";
    public const string ServerMetricsPathInvalid = "PB0041";
    public const string ServerMetricsPodOutOfRange = "PB0042";
    public const string SweepNoLevels = "PB0043";
    public const string SweepLevelOutOfRange = "PB0044";
    public const string SweepLevelsNotIncreasing = "PB0045";
    public const string SweepSearchWithoutGates = "PB0046";
    public const string SweepRateNotApplied = "PB0047";
    public const string MultiTurnNeedsChatApi = "PB0050";
    public const string ModelNameNotSent = "PB0051";
    public const string ToolsNeedChat = "PB0055";
    public const string ToolParametersInvalid = "PB0056";
    public const string ToolNameInvalid = "PB0057";
    public const string ToolChoiceUnknown = "PB0058";
}
