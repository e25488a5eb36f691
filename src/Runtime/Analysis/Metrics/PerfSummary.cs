using System.Collections.Generic;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// Everything the compatible files, the console tables and the reports show for one scope (a task, or the
/// merge of every pod), computed from raw records by the DuckDB summarizer.
/// </summary>
public sealed record PerfSummary
{
    /// <summary><c>model_abbr/dataset_abbr</c> for a task, <c>merge_results/merged</c> for a merge.</summary>
    public required string Scope { get; init; }

    /// <summary>The statistic columns, in order (at most 8).</summary>
    public required IReadOnlyList<string> Statistics { get; init; }

    /// <summary>Per-request metric rows: every metric of stage total, then of stage stable.</summary>
    public required IReadOnlyList<MetricStatistics> Metrics { get; init; }

    /// <summary>Global metrics in the reference's key order, every stage.</summary>
    public required IReadOnlyList<GlobalValue> Globals { get; init; }

    /// <summary>Failure reasons and counts, most frequent first.</summary>
    public IReadOnlyList<FailureCount> Failures { get; init; } = [];

    /// <summary>Plain-words notes (e.g. "no stable stage", "every request failed", a pressure-time warning).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Our additions, never mixed into the compatible keys: client lag, send lag, schedule-based latency.</summary>
    public IReadOnlyList<GlobalValue> Extras { get; init; } = [];

    /// <summary>
    /// Our content-token rows, never in the compatible files: <c>TPOT (content)</c> and <c>ITL (content)</c> per stage,
    /// measured between the readings of events that carried generated text only (docs/metrics.md). Empty when the
    /// records do not say which readings carried content.
    /// </summary>
    public IReadOnlyList<MetricStatistics> ContentMetrics { get; init; } = [];

    /// <summary>
    /// Ours, for multi-turn sessions: TTFT, TPOT, E2EL and token counts per turn index (<c>Stage</c> is <c>turn 0</c>,
    /// <c>turn 1</c>, ...) over stage total, never in the compatible files. Empty when every request is turn 0.
    /// </summary>
    public IReadOnlyList<MetricStatistics> Turns { get; init; } = [];
}
