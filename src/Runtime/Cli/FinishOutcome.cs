using System.Collections.Generic;

namespace PodBench.Runtime.Cli;

/// <summary>What finishing a run produced and whether it passed.</summary>
public sealed record FinishOutcome
{
    /// <summary>Problems that make the run fail (missing pods, nothing succeeded...), in plain words.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Warnings (a partial merge, a short pressure time...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Gates that did not hold, e.g. <c>P99 TTFT &lt;= 500 ms: measured 612.3 ms</c>.</summary>
    public IReadOnlyList<string> FailedGates { get; init; } = [];

    /// <summary>The compact merged summary printed on the console (fits 120 columns but for a staggered-pods warning).</summary>
    public string ConsoleText { get; init; } = "";

    /// <summary>The full merged tables (as the reference prints them), printed at <c>BenchmarkVerbosity=detailed</c>.</summary>
    public string DetailText { get; init; } = "";

    /// <summary>report.html, named last on the console; null when no report was rendered.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Files written (reports, JUnit XML).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>True when there is no error and every gate held.</summary>
    public bool Passed => Errors.Count == 0 && FailedGates.Count == 0;
}
