using System.Collections.Generic;

namespace PodBench.Runtime.Reports;

/// <summary>One task in the compact per-task table, preformatted.</summary>
/// <param name="Scope">model/dataset.</param>
/// <param name="Requests">Total requests.</param>
/// <param name="Failed">Failed requests.</param>
/// <param name="Ttft">TTFT at the headline statistics.</param>
/// <param name="E2el">E2EL at the headline statistics.</param>
/// <param name="OutputThroughput">Output token throughput.</param>
internal sealed record ReportTaskRow(string Scope, string Requests, string Failed, IReadOnlyList<string> Ttft, IReadOnlyList<string> E2el, string OutputThroughput);
