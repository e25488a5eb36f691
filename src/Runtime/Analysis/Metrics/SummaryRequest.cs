using System.Collections.Generic;

namespace PodBench.Runtime.Metrics;

/// <summary>What <see cref="Summarizer.Summarize"/> computes over the <c>requests</c> view.</summary>
public sealed record SummaryRequest
{
    /// <summary>The reference's default statistic columns.</summary>
    public static IReadOnlyList<string> DefaultStatistics { get; } = ["Average", "Min", "Max", "Median", "P75", "P90", "P99"];

    /// <summary><c>model_abbr/dataset_abbr</c> of a task, <c>merge_results/merged</c> of a merge.</summary>
    public required string Scope { get; init; }

    /// <summary>
    /// Statistic columns, in order: Average, Min, Max, Median, P1..P99 (leading zeros allowed, as in the reference).
    /// Only the first 8 are kept, unknown names are dropped, and Average is used when none remain.
    /// </summary>
    public IReadOnlyList<string> Statistics { get; init; } = DefaultStatistics;

    /// <summary>Also compute stage <c>stable</c> (needs <see cref="MaxConcurrency"/> &gt; 0).</summary>
    public bool Stable { get; init; } = true;

    /// <summary>The configured concurrency limit (for a merge: the sum over pods); 0 when unlimited.</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>Goodput limits (vLLM's <c>--goodput</c>); null computes no goodput.</summary>
    public PodBench.Dsl.GoodputSlo? Goodput { get; init; }

    /// <summary>The target request rate (req/s) of an open-loop schedule, when there is one.</summary>
    public double? TargetRate { get; init; }
}
