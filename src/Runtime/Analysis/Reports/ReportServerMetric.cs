namespace PodBench.Runtime.Reports;

/// <summary>One scraped series in report.md's table: a metric as one pod saw it, over the run.</summary>
internal sealed record ReportServerMetric(string Metric, string Pod, string Samples, string Min, string Mean, string Max);
