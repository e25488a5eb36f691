namespace PodBench.Runtime.Reports;

/// <summary>A key and a formatted value.</summary>
internal sealed record ReportPair(string Key, string Value);
