using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Everything a merge found, at full precision (<c>merge_results/merge_summary.json</c>): the reports and a later
/// baseline comparison read it. It holds no wall-clock time of the merge itself, so merging twice writes it identically.
/// </summary>
public sealed record MergeSummaryDocument
{
    /// <summary>The file name inside the merge folder.</summary>
    public const string FileName = "merge_summary.json";

    /// <summary>The run folder's name.</summary>
    public required string RunName { get; init; }

    /// <summary>The plan's hash.</summary>
    public required string PlanHash { get; init; }

    /// <summary>Pods the plan expects.</summary>
    public required IReadOnlyList<int> ExpectedPods { get; init; }

    /// <summary>Pods whose records are in the merge.</summary>
    public required IReadOnlyList<int> MergedPods { get; init; }

    /// <summary>True when some expected pod is missing.</summary>
    public bool Partial { get; init; }

    /// <summary>Problems found verifying the pods.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The merged pods.</summary>
    public required IReadOnlyList<PodSummary> Pods { get; init; }

    /// <summary>How far apart the pods' clocks may be, in words.</summary>
    public required string ClockSkew { get; init; }

    /// <summary>Whether the pods measured the same moment: their windows, the span, the active time (null in documents of older merges).</summary>
    public MergeAlignment? Alignment { get; init; }

    /// <summary>The merge of every pod.</summary>
    public required PerfSummary Merged { get; init; }

    /// <summary>One summary per task (model/dataset over every pod that ran it).</summary>
    public required IReadOnlyList<PerfSummary> Tasks { get; init; }

    /// <summary>
    /// The plan's sweep, one curve per plan task: a point per level that ran and the best level (docs/metrics.md);
    /// empty without a sweep.
    /// </summary>
    public IReadOnlyList<SweepCurve> Sweep { get; init; } = [];

    /// <summary>The SLO gates' results (in a sweep: at each curve's best level).</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>Requests with more than one record, each counted once (docs/run-folder.md).</summary>
    public IReadOnlyList<DuplicateRequest> Duplicates { get; init; } = [];

    /// <summary>Details files whose half-written last line the merge skipped, one sentence each.</summary>
    public IReadOnlyList<string> TornLines { get; init; } = [];

    /// <summary>Where the run's wall time went (<see cref="Merge.WallTime"/>); null when a pod did not record its timings.</summary>
    public WallTime? WallTime { get; init; }

    /// <summary>Reads a document written by a merge.</summary>
    public static MergeSummaryDocument Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist: merge the run first (the runner's merge verb, or dotnet build -t:MergeBenchmark).", path);
        }

        return JsonSerializer.Deserialize<MergeSummaryDocument>(File.ReadAllText(path), MergeJson.Options)
            ?? throw new InvalidDataException($"{path}: empty merge summary.");
    }

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MergeJson.Options);
}
