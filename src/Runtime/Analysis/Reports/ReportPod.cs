namespace PodBench.Runtime.Reports;

/// <summary>One pod, side by side with the others.</summary>
internal sealed record ReportPod(string Pod, string Host, string Requests, string Success, string Failed, string Concurrency, string TtftP50, string TtftP99, string E2elP50, string E2elP99, string RequestThroughput, string OutputThroughput, string ReadDelayP99, string Anchor);
