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

    /// <summary>The merged tables as printed on the console.</summary>
    public string ConsoleText { get; init; } = "";

    /// <summary>Files written (reports, JUnit XML).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>True when there is no error and every gate held.</summary>
    public bool Passed => Errors.Count == 0 && FailedGates.Count == 0;
}
