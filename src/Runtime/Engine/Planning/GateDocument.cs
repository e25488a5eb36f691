namespace PodBench.Runtime.Planning;

/// <summary>An SLO gate as written to <c>plan.json</c>: e.g. (TTFT, P99, AtMost, 500).</summary>
public sealed record GateDocument(string Metric, string Statistic, string Comparison, double Threshold);
