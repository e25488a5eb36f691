namespace PodBench.Runtime.Reports;

/// <summary>One global metric: its total and stable values, formatted.</summary>
internal sealed record ReportGlobalRow(string Key, string Total, string Stable);
