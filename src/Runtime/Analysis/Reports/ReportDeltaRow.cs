namespace PodBench.Runtime.Reports;

/// <summary>One baseline delta, formatted; <paramref name="Verdict"/> is <c>regression</c>, <c>improvement</c> or empty.</summary>
internal sealed record ReportDeltaRow(string Metric, string Baseline, string Current, string Delta, string DeltaPercent, string Verdict);
