namespace PodBench.Runtime.Cli;

/// <summary>How a run is finished: merged, summarized, reported and gated.</summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="AllowPartial">Merge what is complete when pods are missing or broken, marking the merge partial.</param>
/// <param name="Baseline">A baseline run folder to compare with, if any.</param>
public sealed record FinishOptions(string RunDirectory, bool AllowPartial = false, string? Baseline = null);
