using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>One sweep curve in the reports: its table (a row per level), the best level and its charts.</summary>
/// <param name="Title">The plan task, <c>model/dataset</c>.</param>
/// <param name="BestLine">The best level in words, e.g. <c>best level: c8 (m/d.c8)</c>.</param>
/// <param name="Statistics">The latency statistics of the rows' columns.</param>
/// <param name="Rows">A row per level that ran.</param>
/// <param name="Charts">TTFT, TPOT and E2EL against the achieved request throughput, a point per level.</param>
internal sealed record ReportSweep(string Title, string BestLine, IReadOnlyList<string> Statistics, IReadOnlyList<ReportSweepRow> Rows, IReadOnlyList<ReportChart> Charts);
