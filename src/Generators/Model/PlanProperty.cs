namespace PodBench.Generators.Model;

/// <summary>One property of an object value, e.g. <c>RequestCount = 10</c>.</summary>
internal sealed record PlanProperty(string Name, PlanValue Value);
