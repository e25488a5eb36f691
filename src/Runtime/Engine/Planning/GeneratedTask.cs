namespace PodBench.Runtime.Planning;

/// <summary>One task as the source generator saw it in the plan's code.</summary>
/// <param name="Model">The model abbr.</param>
/// <param name="Dataset">The dataset abbr.</param>
public sealed record GeneratedTask(string Model, string Dataset);
