namespace PodBench.Runtime.Reports;

/// <summary>One of the slowest requests, with the start of its output (user-supplied text: always escaped).</summary>
internal sealed record ReportSlowRequest(string Pod, string Task, string Id, string E2el, string Ttft, string OutputTokens, string Prediction);
