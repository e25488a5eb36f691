namespace PodBench.Runtime.Reports;

/// <summary>One inline SVG chart and the sentence under it.</summary>
internal sealed record ReportChart(string Id, string Title, string Svg, string Caption, bool Wide = false);
