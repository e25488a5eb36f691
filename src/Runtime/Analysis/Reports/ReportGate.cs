namespace PodBench.Runtime.Reports;

/// <summary>One gate's line.</summary>
internal sealed record ReportGate(string Name, bool Passed, string Verdict, string Message);
