using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>One metric's distribution in one run (baseline or current): its count and the values at the table's levels.</summary>
internal sealed record ReportDistributionRow(string Metric, string Run, string N, IReadOnlyList<string> Values);
