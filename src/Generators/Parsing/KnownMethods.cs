using System.Collections.Generic;

namespace PodBench.Generators.Parsing;

/// <summary>
/// What the DSL's factory and <c>With...</c> methods set, by parameter position. The generator cannot read a
/// method body from metadata, so a method not listed here makes its result unknown (and unchecked).
/// A name starting with '?' marks a property the method sets to a value the checks do not follow.
/// </summary>
internal static class KnownMethods
{
    /// <summary>Static factories: (type.method) -> (result type, properties set from each parameter).</summary>
    public static readonly Dictionary<string, (string Type, string[] Parameters)> Factories = new()
    {
        ["ModelEndpoint.StreamChat"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.Chat"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.StreamCompletions"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.Completions"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.MindieStream"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.Tgi"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.TgiStream"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.Triton"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.TritonStream"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.FunctionCallChat"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.StreamFunctionCallChat"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["ModelEndpoint.StreamChatMultiTurn"] = ("ModelEndpoint", new[] { "Abbr" }),
        ["Length.Fixed"] = ("UniformLength", new[] { "MinValue+MaxValue" }),
        ["Length.Uniform"] = ("UniformLength", new[] { "MinValue", "MaxValue" }),
        ["Length.Gaussian"] = ("GaussianLength", new[] { "Mean", "Var", "MinValue", "MaxValue" }),
        ["Length.Zipf"] = ("ZipfLength", new[] { "Alpha", "MinValue", "MaxValue" }),
        ["ApiKey.FromLiteral"] = ("ApiKey", new[] { "Literal" }),
        ["ApiKey.FromEnvironment"] = ("ApiKey", new[] { "EnvironmentVariable" }),
        ["Statistic.P"] = ("Statistic", new[] { "Percentile" }),
        ["Statistic.Parse"] = ("Statistic", new[] { "Name" }),
        ["ServerMetrics.Scrape"] = ("ServerMetrics", new[] { "Path", "Interval" }),
        ["Sweep.Concurrency"] = ("Sweep", new[] { "Levels" }),
        ["Sweep.RequestRate"] = ("Sweep", new[] { "Levels" }),
    };

    /// <summary>Instance methods returning a changed copy: (type.method) -> properties set from each parameter.</summary>
    public static readonly Dictionary<string, string[]> Copies = new()
    {
        ["ModelEndpoint.WithUrl"] = new[] { "Url" },
        ["ModelEndpoint.WithModel"] = new[] { "Model" },
        ["ModelEndpoint.WithConcurrency"] = new[] { "Concurrency" },
        ["ModelEndpoint.WithRequestRate"] = new[] { "RequestRate", "Burstiness" },
        ["ModelEndpoint.WithGeneration"] = new[] { "?Generation" },
        ["ModelEndpoint.WithTools"] = new[] { "Tools", "ToolChoice" },
        ["SyntheticDataset.WithRequestCount"] = new[] { "RequestCount" },
        ["SyntheticDataset.WithLengths"] = new[] { "Input", "Output" },
        ["PodGroup.WithReplicas"] = new[] { "Replicas" },
        ["RunOptions.WithPressure"] = new[] { "?Pressure+PressureTime" },
        ["RunOptions.WithMaxWorkers"] = new[] { "MaxWorkers" },
        ["SummaryOptions.WithStatistics"] = new[] { "Statistics" },
        ["SummaryOptions.WithGates"] = new[] { "Gates" },
        ["SummaryOptions.WithGoodput"] = new[] { "?Goodput", "?Goodput", "?Goodput" },
        ["TlsOptions.WithoutCertificateCheck"] = new string[0],
        ["SimulatorOptions.WithFault"] = new[] { "?Fault", "?FaultRate" },
        ["ServerMetrics.OnlyPod"] = new[] { "Pod" },
        ["Sweep.UntilGatesFail"] = new string[0],
    };

    /// <summary>Properties a factory or copy method sets to a fixed value whatever its arguments: (type.method) -> (property, value).</summary>
    public static readonly Dictionary<string, (string Property, double Value)> FixedSettings = new()
    {
        ["Sweep.Concurrency"] = ("Dimension", 0),
        ["Sweep.RequestRate"] = ("Dimension", 1),
        ["Sweep.UntilGatesFail"] = ("StopAtFailure", 1),
    };

    /// <summary>Static members of DSL types that are well-known values (their properties are the defaults).</summary>
    public static readonly Dictionary<string, (string Type, string? Name)> StaticValues = new()
    {
        ["ApiKey.Default"] = ("ApiKey", null),
        ["ApiKey.None"] = ("ApiKey", null),
        ["RunOptions.Default"] = ("RunOptions", null),
        ["SummaryOptions.Default"] = ("SummaryOptions", null),
        ["SimulatorOptions.Default"] = ("SimulatorOptions", null),
        ["TlsOptions.Default"] = ("TlsOptions", null),
        ["GenerationArgs.Empty"] = ("GenerationArgs", null),
        ["Statistic.Average"] = ("Statistic", "Average"),
        ["Statistic.Min"] = ("Statistic", "Min"),
        ["Statistic.Max"] = ("Statistic", "Max"),
        ["Statistic.Median"] = ("Statistic", "Median"),
        ["Statistic.P75"] = ("Statistic", "P75"),
        ["Statistic.P90"] = ("Statistic", "P90"),
        ["Statistic.P99"] = ("Statistic", "P99"),
    };

    /// <summary>The pod group constructors' parameters: a single model or dataset becomes a one-item list.</summary>
    public static readonly Dictionary<string, (string Property, bool Single)> PodGroupParameters = new()
    {
        ["models"] = ("Models", false),
        ["datasets"] = ("Datasets", false),
        ["model"] = ("Models", true),
        ["dataset"] = ("Datasets", true),
    };
}
