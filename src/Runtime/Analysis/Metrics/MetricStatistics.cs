using System.Collections.Generic;

namespace PodBench.Runtime.Metrics;

/// <summary>
/// One row of the per-request metric table: a metric's statistics in one stage, at full precision
/// (seconds for <see cref="MetricKind.Time"/>); rounding happens only when a compatible file is written.
/// </summary>
/// <param name="Metric">E2EL, TTFT, TPOT, ITL, InputTokens, OutputTokens, OutputTokenThroughput or PrefillTokenThroughput; ours (<see cref="PerfSummary.ContentMetrics"/>): TPOT (content), ITL (content).</param>
/// <param name="Stage"><c>total</c> or <c>stable</c>.</param>
/// <param name="Kind">The unit family.</param>
/// <param name="Values">Statistic name (Average, Min, Max, Median, P1..P99) to value, in the plan's column order.</param>
/// <param name="N">Requests counted: those the values come from (for TPOT and ITL: requests with a non-zero gap).</param>
public sealed record MetricStatistics(string Metric, string Stage, MetricKind Kind, IReadOnlyList<KeyValuePair<string, double>> Values, long N);
