using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>One level of a sweep in the reports, its values formatted.</summary>
internal sealed record ReportSweepRow(string Level, string Task, string RequestThroughput, string OutputThroughput, IReadOnlyList<string> Ttft, IReadOnlyList<string> Tpot, IReadOnlyList<string> E2el, string Gates, bool Best);
