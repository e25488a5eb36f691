namespace PodBench.Runtime.Reports;

/// <summary>One pod's figures from the merged records (latencies in ms; no TTFT when the pod streamed nothing).</summary>
internal sealed record PodLatency(int Pod, long Requests, long Success, double? TtftP50, double? TtftP99, double E2elP50, double E2elP99, double RequestThroughput, double OutputThroughput);
