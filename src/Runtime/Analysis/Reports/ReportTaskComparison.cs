using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>One task (or the merge) in report.md's comparison: "baseline → current (delta%)" per column.</summary>
internal sealed record ReportTaskComparison(string Scope, IReadOnlyList<string> Cells);
