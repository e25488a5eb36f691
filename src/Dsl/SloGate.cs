namespace PodBench.Dsl;

/// <summary>
/// A service-level objective that fails <c>RunBenchmark</c> when it does not hold, e.g.
/// <c>SloGate.AtMost(PerfMetric.TTFT, Statistic.P99, 500)</c>: P99 TTFT at most 500 ms. Times are in ms,
/// throughputs in tokens/s or requests/s, counts as numbers. Gates are checked on the merged result.
/// </summary>
public sealed record SloGate(PerfMetric Metric, Statistic Statistic, GateComparison Comparison, double Threshold)
{
    /// <summary>The statistic of <paramref name="metric"/> must be at most <paramref name="threshold"/>.</summary>
    public static SloGate AtMost(PerfMetric metric, Statistic statistic, double threshold) => new(metric, statistic, GateComparison.AtMost, threshold);

    /// <summary>The statistic of <paramref name="metric"/> must be at least <paramref name="threshold"/>.</summary>
    public static SloGate AtLeast(PerfMetric metric, Statistic statistic, double threshold) => new(metric, statistic, GateComparison.AtLeast, threshold);

    /// <summary>A readable name, e.g. <c>P99 TTFT &lt;= 500</c>.</summary>
    public override string ToString() => $"{Statistic} {Metric} {(Comparison == GateComparison.AtMost ? "<=" : ">=")} {Threshold}";
}
