using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>The baseline comparison's figures for report.md: the CDFs at a few levels and one row per task.</summary>
/// <param name="Levels">The distribution table's columns (P10 ... Max).</param>
/// <param name="Distributions">One row per metric and run.</param>
/// <param name="Columns">The per-task table's columns after the task.</param>
/// <param name="Tasks">One row per task (and the merge), each cell "baseline → current (delta%)".</param>
/// <param name="Note">Why a part is missing (the baseline folder has no database), or empty.</param>
internal sealed record ReportComparison(IReadOnlyList<string> Levels, IReadOnlyList<ReportDistributionRow> Distributions, IReadOnlyList<string> Columns, IReadOnlyList<ReportTaskComparison> Tasks, string Note);
