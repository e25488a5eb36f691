using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>The baseline comparison as table rows.</summary>
internal sealed record ReportBaseline(string BaselineRun, string Threshold, int Regressions, IReadOnlyList<ReportDeltaRow> Rows);
