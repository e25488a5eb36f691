namespace PodBench.Runtime.Metrics;

/// <summary>How many requests failed for one reason.</summary>
public sealed record FailureCount(string Reason, long Count);
