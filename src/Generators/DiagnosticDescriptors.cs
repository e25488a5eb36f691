using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PodBench.Shared;

namespace PodBench.Generators;

/// <summary>Every diagnostic the generator reports; ids and words come from <see cref="PlanMessages"/>, shared with the runner.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "PodBench.Plan";

    public static readonly DiagnosticDescriptor PlanNotDerived = new(PlanRuleIds.PlanNotDerived, PlanMessages.PlanNotDerivedTitle, PlanMessages.PlanNotDerived, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor PlanAbstract = new(PlanRuleIds.PlanAbstract, PlanMessages.PlanAbstractTitle, PlanMessages.PlanAbstract, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor PlanNoPublicConstructor = new(PlanRuleIds.PlanNoPublicConstructor, PlanMessages.PlanNoPublicConstructorTitle, PlanMessages.PlanNoPublicConstructor, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor MultiplePlans = new(PlanRuleIds.MultiplePlans, PlanMessages.MultiplePlansTitle, PlanMessages.MultiplePlans, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor UserEntryPoint = new(PlanRuleIds.UserEntryPoint, PlanMessages.UserEntryPointTitle, PlanMessages.UserEntryPoint, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor DuplicateModelAbbr = new(PlanRuleIds.DuplicateModelAbbr, PlanMessages.DuplicateModelAbbrTitle, PlanMessages.DuplicateModelAbbr, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor DuplicateDatasetAbbr = new(PlanRuleIds.DuplicateDatasetAbbr, PlanMessages.DuplicateDatasetAbbrTitle, PlanMessages.DuplicateDatasetAbbr, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor UnsafeAbbr = new(PlanRuleIds.UnsafeAbbr, PlanMessages.UnsafeAbbrTitle, PlanMessages.UnsafeAbbr, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor UndeclaredModel = new(PlanRuleIds.UndeclaredModel, PlanMessages.UndeclaredModelTitle, PlanMessages.UndeclaredModel, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor UndeclaredDataset = new(PlanRuleIds.UndeclaredDataset, PlanMessages.UndeclaredDatasetTitle, PlanMessages.UndeclaredDataset, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor EmptyPodGroup = new(PlanRuleIds.EmptyPodGroup, PlanMessages.EmptyPodGroupTitle, PlanMessages.EmptyPodGroup, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor LengthMinAboveMax = new(PlanRuleIds.LengthMinAboveMax, PlanMessages.LengthMinAboveMaxTitle, PlanMessages.LengthMinAboveMax, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor LengthOutOfRange = new(PlanRuleIds.LengthOutOfRange, PlanMessages.LengthOutOfRangeTitle, PlanMessages.LengthOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ZipfAlphaOutOfRange = new(PlanRuleIds.ZipfAlphaOutOfRange, PlanMessages.ZipfAlphaOutOfRangeTitle, PlanMessages.ZipfAlphaOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor NegativeVariance = new(PlanRuleIds.NegativeVariance, PlanMessages.NegativeVarianceTitle, PlanMessages.NegativeVariance, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor RequestCountOutOfRange = new(PlanRuleIds.RequestCountOutOfRange, PlanMessages.RequestCountOutOfRangeTitle, PlanMessages.RequestCountOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor IllegalStatistic = new(PlanRuleIds.IllegalStatistic, PlanMessages.IllegalStatisticTitle, PlanMessages.IllegalStatistic, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor TooManyStatistics = new(PlanRuleIds.TooManyStatistics, PlanMessages.TooManyStatisticsTitle, PlanMessages.TooManyStatistics, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor LiteralApiKey = new(PlanRuleIds.LiteralApiKey, PlanMessages.LiteralApiKeyTitle, PlanMessages.LiteralApiKey, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor DuplicatePodGroup = new(PlanRuleIds.DuplicatePodGroup, PlanMessages.DuplicatePodGroupTitle, PlanMessages.DuplicatePodGroup, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ConcurrencyBelowOne = new(PlanRuleIds.ConcurrencyBelowOne, PlanMessages.ConcurrencyBelowOneTitle, PlanMessages.ConcurrencyBelowOne, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor RetryBelowOne = new(PlanRuleIds.RetryBelowOne, PlanMessages.RetryBelowOneTitle, PlanMessages.RetryBelowOne, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor PrefixLenAboveRequestSize = new(PlanRuleIds.PrefixLenAboveRequestSize, PlanMessages.PrefixLenAboveRequestSizeTitle, PlanMessages.PrefixLenAboveRequestSize, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor RequestSizeOutOfRange = new(PlanRuleIds.RequestSizeOutOfRange, PlanMessages.RequestSizeOutOfRangeTitle, PlanMessages.RequestSizeOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ReplicasBelowOne = new(PlanRuleIds.ReplicasBelowOne, PlanMessages.ReplicasBelowOneTitle, PlanMessages.ReplicasBelowOne, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor EmptyPlan = new(PlanRuleIds.EmptyPlan, PlanMessages.EmptyPlanTitle, PlanMessages.EmptyPlan, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor WaitLimitOutOfRange = new(PlanRuleIds.WaitLimitOutOfRange, PlanMessages.WaitLimitOutOfRangeTitle, PlanMessages.WaitLimitOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor PromptFileOptionOutOfRange = new(PlanRuleIds.PromptFileOptionOutOfRange, PlanMessages.PromptFileOptionOutOfRangeTitle, PlanMessages.PromptFileOptionOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor PromptFileMinAboveMax = new(PlanRuleIds.PromptFileMinAboveMax, PlanMessages.PromptFileMinAboveMaxTitle, PlanMessages.PromptFileMinAboveMax, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor MultiTurnOptionOutOfRange = new(PlanRuleIds.MultiTurnOptionOutOfRange, PlanMessages.MultiTurnOptionOutOfRangeTitle, PlanMessages.MultiTurnOptionOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor NegativeThinkTime = new(PlanRuleIds.NegativeThinkTime, PlanMessages.NegativeThinkTimeTitle, PlanMessages.NegativeThinkTime, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ToolsNeedChat = new(PlanRuleIds.ToolsNeedChat, PlanMessages.ToolsNeedChatTitle, PlanMessages.ToolsNeedChat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ToolParametersInvalid = new(PlanRuleIds.ToolParametersInvalid, PlanMessages.ToolParametersInvalidTitle, PlanMessages.ToolParametersInvalid, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ToolNameInvalid = new(PlanRuleIds.ToolNameInvalid, PlanMessages.ToolNameInvalidTitle, PlanMessages.ToolNameInvalid, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ToolChoiceUnknown = new(PlanRuleIds.ToolChoiceUnknown, PlanMessages.ToolChoiceUnknownTitle, PlanMessages.ToolChoiceUnknown, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ServerMetricsIntervalOutOfRange = new(PlanRuleIds.ServerMetricsIntervalOutOfRange, PlanMessages.ServerMetricsIntervalOutOfRangeTitle, PlanMessages.ServerMetricsIntervalOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ServerMetricsPathInvalid = new(PlanRuleIds.ServerMetricsPathInvalid, PlanMessages.ServerMetricsPathInvalidTitle, PlanMessages.ServerMetricsPathInvalid, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ServerMetricsPodOutOfRange = new(PlanRuleIds.ServerMetricsPodOutOfRange, PlanMessages.ServerMetricsPodOutOfRangeTitle, PlanMessages.ServerMetricsPodOutOfRange, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor SweepNoLevels = Error(PlanRuleIds.SweepNoLevels, PlanMessages.SweepNoLevelsTitle, PlanMessages.SweepNoLevels);

    public static readonly DiagnosticDescriptor SweepLevelOutOfRange = Error(PlanRuleIds.SweepLevelOutOfRange, PlanMessages.SweepLevelOutOfRangeTitle, PlanMessages.SweepLevelOutOfRange);

    public static readonly DiagnosticDescriptor SweepLevelsNotIncreasing = Error(PlanRuleIds.SweepLevelsNotIncreasing, PlanMessages.SweepLevelsNotIncreasingTitle, PlanMessages.SweepLevelsNotIncreasing);

    public static readonly DiagnosticDescriptor SweepSearchWithoutGates = Error(PlanRuleIds.SweepSearchWithoutGates, PlanMessages.SweepSearchWithoutGatesTitle, PlanMessages.SweepSearchWithoutGates);

    public static readonly DiagnosticDescriptor SweepRateNotApplied = Error(PlanRuleIds.SweepRateNotApplied, PlanMessages.SweepRateNotAppliedTitle, PlanMessages.SweepRateNotApplied);

    public static readonly DiagnosticDescriptor GoodputLimitNotPositive = new(PlanRuleIds.GoodputLimitNotPositive, PlanMessages.GoodputLimitNotPositiveTitle, PlanMessages.GoodputLimitNotPositive, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor MultiTurnNeedsChatApi = new(PlanRuleIds.MultiTurnNeedsChatApi, PlanMessages.MultiTurnNeedsChatApiTitle, PlanMessages.MultiTurnNeedsChatApi, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    public static readonly DiagnosticDescriptor ModelNameNotSent = new(PlanRuleIds.ModelNameNotSent, PlanMessages.ModelNameNotSentTitle, PlanMessages.ModelNameNotSent, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
    {
        [PlanRuleIds.PlanNotDerived] = PlanNotDerived,
        [PlanRuleIds.PlanAbstract] = PlanAbstract,
        [PlanRuleIds.PlanNoPublicConstructor] = PlanNoPublicConstructor,
        [PlanRuleIds.MultiplePlans] = MultiplePlans,
        [PlanRuleIds.UserEntryPoint] = UserEntryPoint,
        [PlanRuleIds.DuplicateModelAbbr] = DuplicateModelAbbr,
        [PlanRuleIds.DuplicateDatasetAbbr] = DuplicateDatasetAbbr,
        [PlanRuleIds.UnsafeAbbr] = UnsafeAbbr,
        [PlanRuleIds.UndeclaredModel] = UndeclaredModel,
        [PlanRuleIds.UndeclaredDataset] = UndeclaredDataset,
        [PlanRuleIds.EmptyPodGroup] = EmptyPodGroup,
        [PlanRuleIds.LengthMinAboveMax] = LengthMinAboveMax,
        [PlanRuleIds.LengthOutOfRange] = LengthOutOfRange,
        [PlanRuleIds.ZipfAlphaOutOfRange] = ZipfAlphaOutOfRange,
        [PlanRuleIds.NegativeVariance] = NegativeVariance,
        [PlanRuleIds.RequestCountOutOfRange] = RequestCountOutOfRange,
        [PlanRuleIds.IllegalStatistic] = IllegalStatistic,
        [PlanRuleIds.TooManyStatistics] = TooManyStatistics,
        [PlanRuleIds.LiteralApiKey] = LiteralApiKey,
        [PlanRuleIds.DuplicatePodGroup] = DuplicatePodGroup,
        [PlanRuleIds.ConcurrencyBelowOne] = ConcurrencyBelowOne,
        [PlanRuleIds.RetryBelowOne] = RetryBelowOne,
        [PlanRuleIds.PrefixLenAboveRequestSize] = PrefixLenAboveRequestSize,
        [PlanRuleIds.RequestSizeOutOfRange] = RequestSizeOutOfRange,
        [PlanRuleIds.ReplicasBelowOne] = ReplicasBelowOne,
        [PlanRuleIds.EmptyPlan] = EmptyPlan,
        [PlanRuleIds.WaitLimitOutOfRange] = WaitLimitOutOfRange,
        [PlanRuleIds.GoodputLimitNotPositive] = GoodputLimitNotPositive,
        [PlanRuleIds.MultiTurnOptionOutOfRange] = MultiTurnOptionOutOfRange,
        [PlanRuleIds.NegativeThinkTime] = NegativeThinkTime,
        [PlanRuleIds.ToolsNeedChat] = ToolsNeedChat,
        [PlanRuleIds.ToolParametersInvalid] = ToolParametersInvalid,
        [PlanRuleIds.ToolNameInvalid] = ToolNameInvalid,
        [PlanRuleIds.ToolChoiceUnknown] = ToolChoiceUnknown,
        [PlanRuleIds.ServerMetricsIntervalOutOfRange] = ServerMetricsIntervalOutOfRange,
        [PlanRuleIds.ServerMetricsPathInvalid] = ServerMetricsPathInvalid,
        [PlanRuleIds.ServerMetricsPodOutOfRange] = ServerMetricsPodOutOfRange,
        [PlanRuleIds.MultiTurnNeedsChatApi] = MultiTurnNeedsChatApi,
        [PlanRuleIds.ModelNameNotSent] = ModelNameNotSent,
        [PlanRuleIds.PromptFileMinAboveMax] = PromptFileMinAboveMax,
        [PlanRuleIds.SweepNoLevels] = SweepNoLevels,
        [PlanRuleIds.SweepLevelOutOfRange] = SweepLevelOutOfRange,
        [PlanRuleIds.SweepLevelsNotIncreasing] = SweepLevelsNotIncreasing,
        [PlanRuleIds.SweepSearchWithoutGates] = SweepSearchWithoutGates,
        [PlanRuleIds.SweepRateNotApplied] = SweepRateNotApplied,
        [PlanRuleIds.PromptFileOptionOutOfRange] = PromptFileOptionOutOfRange,
    };

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: "See docs/diagnostics.md.");

    /// <summary>The descriptor of rule <paramref name="id"/>.</summary>
    public static DiagnosticDescriptor Get(string id) => ById[id];
}
