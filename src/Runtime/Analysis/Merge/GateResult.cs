namespace PodBench.Runtime.Merge;

/// <summary>One SLO gate checked on a merged summary.</summary>
/// <param name="Name">A readable name, e.g. <c>P99 TTFT &lt;= 500 ms</c>.</param>
/// <param name="Metric">The gate's metric (PerfMetric name).</param>
/// <param name="Statistic">The gate's statistic (ignored for run-level metrics).</param>
/// <param name="Comparison"><c>AtMost</c> or <c>AtLeast</c>.</param>
/// <param name="Threshold">The threshold, in <paramref name="Unit"/>.</param>
/// <param name="Measured">The measured value in <paramref name="Unit"/>, or null when it could not be measured.</param>
/// <param name="Unit"><c>ms</c>, <c>token/s</c>, <c>req/s</c> or empty.</param>
/// <param name="Passed">Whether the gate holds.</param>
/// <param name="Message">Measured vs threshold, or why it could not be checked.</param>
public sealed record GateResult(string Name, string Metric, string Statistic, string Comparison, double Threshold, double? Measured, string Unit, bool Passed, string Message);
