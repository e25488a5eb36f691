namespace PodBench.Generators.Model;

/// <summary>One task of a pod: a model abbr and a dataset abbr.</summary>
internal sealed record TaskInfo(string Model, string Dataset);
