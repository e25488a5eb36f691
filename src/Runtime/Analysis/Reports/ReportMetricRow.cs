using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>One per-request metric row, values formatted as the compatible CSV writes them.</summary>
internal sealed record ReportMetricRow(string Metric, string Stage, IReadOnlyList<string> Values, string N);
