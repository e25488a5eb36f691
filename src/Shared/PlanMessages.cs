namespace PodBench.Shared;

/// <summary>
/// Titles and message formats of the plan rules, shared word for word by the compiler's diagnostics and the
/// runner's start-up checks. Formats use composite formatting ({0}, {1}, ...).
/// </summary>
internal static class PlanMessages
{
    public const string PlanNotDerivedTitle = "A [BenchmarkPlan] class must derive from BenchmarkPlan";
    public const string PlanNotDerived = "Class '{0}' is marked [BenchmarkPlan] but does not derive from PodBench.Dsl.BenchmarkPlan";

    public const string PlanAbstractTitle = "A plan class must not be abstract";
    public const string PlanAbstract = "Plan class '{0}' is abstract; the runner must be able to create it";

    public const string PlanNoPublicConstructorTitle = "A plan class needs a public parameterless constructor";
    public const string PlanNoPublicConstructor = "Plan class '{0}' has no public parameterless constructor; the runner creates the plan with 'new {0}()'";

    public const string MultiplePlansTitle = "A project has one [BenchmarkPlan] class";
    public const string MultiplePlans = "'{0}' is a second [BenchmarkPlan] class in this project ('{1}' is the first); a plan project has exactly one plan";

    public const string UserEntryPointTitle = "A plan project gets its Main from the generator";
    public const string UserEntryPoint = "{0} clashes with the entry point PodBench generates for plan '{1}'; remove it, or set <PodBenchGenerateEntryPoint>false</PodBenchGenerateEntryPoint> and call PodBench.Runtime.Cli.RunnerMain.Run yourself";

    public const string DuplicateModelAbbrTitle = "Model abbrs must be unique";
    public const string DuplicateModelAbbr = "Model abbr '{0}' is declared twice; abbrs name output folders, so a second one would overwrite the first's results";

    public const string DuplicateDatasetAbbrTitle = "Dataset abbrs must be unique";
    public const string DuplicateDatasetAbbr = "Dataset abbr '{0}' is declared twice; abbrs name output files, so a second one would overwrite the first's results";

    public const string UnsafeAbbrTitle = "An abbr must be a safe file name";
    public const string UnsafeAbbr = "{0} abbr '{1}' is not a safe file name: {2}";

    public const string UndeclaredModelTitle = "A pod group's models must be declared in Models";
    public const string UndeclaredModel = "Pods[{0}] uses model '{1}', which is not in Models";

    public const string UndeclaredDatasetTitle = "A pod group's datasets must be declared in Datasets";
    public const string UndeclaredDataset = "Pods[{0}] uses dataset '{1}', which is not in Datasets";

    public const string EmptyPodGroupTitle = "A pod group needs a model and a dataset";
    public const string EmptyPodGroup = "Pods[{0}] has no {1}, so its pod would run nothing";

    public const string LengthMinAboveMaxTitle = "A length's MinValue must not exceed its MaxValue";
    public const string LengthMinAboveMax = "MinValue {0} is greater than MaxValue {1}";

    public const string LengthOutOfRangeTitle = "Lengths are between 1 and 2^20";
    public const string LengthOutOfRange = "{0} {1} is outside 1..1048576";

    public const string ZipfAlphaOutOfRangeTitle = "A zipf Alpha is in (1, 10]";
    public const string ZipfAlphaOutOfRange = "Zipf Alpha {0} is outside (1, 10]";

    public const string NegativeVarianceTitle = "A gaussian variance is at least 0";
    public const string NegativeVariance = "Gaussian variance {0} is negative";

    public const string RequestCountOutOfRangeTitle = "RequestCount is between 1 and 2^20";
    public const string RequestCountOutOfRange = "RequestCount {0} is outside 1..1048576";

    public const string IllegalStatisticTitle = "Statistics are Average, Min, Max, Median or P1 to P99";
    public const string IllegalStatistic = "'{0}' is not a statistic: use Average, Min, Max, Median or P1..P99";

    public const string TooManyStatisticsTitle = "At most 8 statistics";
    public const string TooManyStatistics = "{0} statistics are listed; at most 8 are allowed";

    public const string LiteralApiKeyTitle = "An API key is written in the plan";
    public const string LiteralApiKey = "Model '{0}' has its API key written in the plan, where every reviewer and every clone sees it; use ApiKey.FromEnvironment(\"VARIABLE\")";

    public const string DuplicatePodGroupTitle = "Two pod groups are identical";
    public const string DuplicatePodGroup = "Pods[{0}] runs the same tasks as Pods[{1}]; the same results would be measured twice";

    public const string ConcurrencyBelowOneTitle = "Concurrency is at least 1";
    public const string ConcurrencyBelowOne = "Model '{0}' has Concurrency {1}; at least 1 request must be allowed in flight";

    public const string RetryBelowOneTitle = "Retry is at least 1";
    public const string RetryBelowOne = "Model '{0}' has Retry {1}; Retry counts total attempts (the first one included), so it must be at least 1 or no request is ever sent";

    public const string PrefixLenAboveRequestSizeTitle = "PrefixLen must not exceed RequestSize";
    public const string PrefixLenAboveRequestSize = "PrefixLen {0} is greater than RequestSize {1}";

    public const string RequestSizeOutOfRangeTitle = "RequestSize is between 1 and 2^20";
    public const string RequestSizeOutOfRange = "RequestSize {0} is outside 1..1048576";

    public const string ReplicasBelowOneTitle = "Replicas is at least 1";
    public const string ReplicasBelowOne = "Pods[{0}] has Replicas {1}; a group runs on at least 1 pod";

    public const string EmptyPlanTitle = "A plan needs models and datasets";
    public const string EmptyPlan = "The plan declares no {0}, so it has no task to run";

    public const string WaitLimitOutOfRangeTitle = "HeaderTimeout and IdleTimeout are more than 0 and at most 1 day";
    public const string WaitLimitOutOfRange = "Model '{0}' has {1} {2} s; a wait limit must be more than 0 s and at most 86400 s (1 day)";

    public const string PromptFileOptionOutOfRangeTitle = "A prompt file's lengths and SampleCount are between 1 and 2^20";
    public const string PromptFileOptionOutOfRange = "Dataset '{0}' has {1} {2}, outside 1..1048576";

    public const string PromptFileMinAboveMaxTitle = "A prompt file's minimum length must not exceed its maximum";
    public const string PromptFileMinAboveMax = "Dataset '{0}' has {1} {2} greater than {3} {4}, so no entry can pass";

    public const string GoodputLimitNotPositiveTitle = "A goodput limit is more than 0 ms";
    public const string GoodputLimitNotPositive = "Goodput limit {0} is {1} ms; a request can only meet a limit of more than 0 ms";

    public const string MultiTurnOptionOutOfRangeTitle = "A multi-turn dataset's Sessions and Turns are in range";
    public const string MultiTurnOptionOutOfRange = "Dataset '{0}' has {1} {2}, outside 1..{3}";

    public const string NegativeThinkTimeTitle = "ThinkTime is not negative";
    public const string NegativeThinkTime = "Dataset '{0}' has ThinkTime {1} s; a pause between turns cannot be negative";

    public const string ServerMetricsIntervalOutOfRangeTitle = "The server metrics interval is more than 0 and at most 1 hour";
    public const string ServerMetricsIntervalOutOfRange = "ServerMetrics.Interval is {0} s; scrape every more than 0 s and at most 3600 s";

    public const string ServerMetricsPathInvalidTitle = "The server metrics path is a path from the server's root";
    public const string ServerMetricsPathInvalid = "ServerMetrics.Path '{0}' is not a path from the server's root; write it with a leading '/' and no space, '?' or '#', as /metrics";

    public const string ServerMetricsPodOutOfRangeTitle = "The scraping pod is one of the plan's pods";
    public const string ServerMetricsPodOutOfRange = "ServerMetrics.Pod is {0}, not one of the plan's pods (numbered from 0)";

    public const string SweepNoLevelsTitle = "A sweep has at least one level";
    public const string SweepNoLevels = "The sweep has no levels; give the concurrency limits or request rates to run, as Sweep.Concurrency(2, 4, 8)";

    public const string SweepLevelOutOfRangeTitle = "A sweep level is a concurrency of at least 1 or a rate above 0";
    public const string SweepLevelOutOfRange = "Sweep level {0} is {1}; {2}";

    public const string SweepLevelsNotIncreasingTitle = "A sweep's levels increase";
    public const string SweepLevelsNotIncreasing = "Sweep level {0} is {1}, not above the level before it ({2}); list the levels in increasing order, each once";

    public const string SweepSearchWithoutGatesTitle = "A sweep that searches has gates";
    public const string SweepSearchWithoutGates = "The sweep stops at the first level whose gates fail (UntilGatesFail), but Summary has no gates; add SloGates with Summary.WithGates(...) or remove UntilGatesFail()";

    public const string SweepRateNotAppliedTitle = "A request-rate sweep applies to every model";
    public const string SweepRateNotApplied = "Model '{0}' sets {1}, which replaces the request rate, so the sweep's rates would not pace it; sweep concurrency instead, or remove {1}";
    public const string MultiTurnNeedsChatApiTitle = "A multi-turn dataset needs a chat API";
    public const string MultiTurnNeedsChatApi = "Pods[{0}] sends multi-turn dataset '{1}' to model '{2}', whose API {3} takes one prompt string; the turns carry their history as chat messages, so use ModelEndpoint.StreamChat or Chat";

    public const string ModelNameNotSentTitle = "The API sends no model name";
    public const string ModelNameNotSent = "Model '{0}' sets Model '{1}', but {2} requests carry no model name (the server serves one model), so it is not sent; remove it";
    public const string ToolsNeedChatTitle = "Tools are sent with a chat API";
    public const string ToolsNeedChat = "Model '{0}' offers tools, which only the chat API sends; use ModelEndpoint.FunctionCallChat, StreamChat or Chat, not {1}";

    public const string ToolParametersInvalidTitle = "A tool's Parameters is a JSON object";
    public const string ToolParametersInvalid = "Tool '{1}' of model '{0}' has Parameters that are not a JSON object ({2})";

    public const string ToolNameInvalidTitle = "A tool's name is 1 to 64 letters, digits, '_' or '-', unique per model";
    public const string ToolNameInvalid = "Tool '{1}' of model '{0}': {2}";

    public const string ToolChoiceUnknownTitle = "ToolChoice is auto, none, required or one of the model's tools";
    public const string ToolChoiceUnknown = "Model '{0}' has ToolChoice '{1}', which is not \"auto\", \"none\", \"required\" or the name of one of its Tools";
}
