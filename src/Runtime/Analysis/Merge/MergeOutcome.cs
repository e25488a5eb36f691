using System.Collections.Generic;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Merge;

/// <summary>What a merge wrote and found.</summary>
public sealed record MergeOutcome
{
    /// <summary>The merge's folder (<c>performances/merge_results</c>).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The DuckDB database holding <c>requests</c>, <c>tasks</c> and <c>pods</c>.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Every file written, absolute paths.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The document the reports read (<c>merge_summary.json</c>).</summary>
    public required MergeSummaryDocument Document { get; init; }

    /// <summary>The merged summary (all pods).</summary>
    public PerfSummary Merged => Document.Merged;

    /// <summary>True when some expected pod is missing from the merge.</summary>
    public bool Partial => Document.Partial;

    /// <summary>Problems found while verifying the pods.</summary>
    public IReadOnlyList<string> Problems => Document.Problems;

    /// <summary>The SLO gates' results (empty when the plan declares none).</summary>
    public IReadOnlyList<GateResult> Gates => Document.Gates;

    /// <summary>The JUnit XML of the gates, or null when there are none.</summary>
    public string? JUnitPath { get; init; }
}
