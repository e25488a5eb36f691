using System.Collections.Generic;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Merge;

/// <summary>What <see cref="RunMerger.Merge"/> merges and how. Null members default to the run's <c>plan.json</c>.</summary>
public sealed record MergeOptions
{
    /// <summary>The run folder (<c>outputs/default/&lt;run&gt;</c>).</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The pods that must be present; null: every pod of <c>plan.json</c> (or, without one, every manifest found).</summary>
    public IReadOnlyList<int>? ExpectedPods { get; init; }

    /// <summary>Merge what is complete when some pod is missing or broken, and mark the result partial (default: refuse).</summary>
    public bool AllowPartial { get; init; }

    /// <summary>The statistic columns; null: the plan's (or the reference's default).</summary>
    public IReadOnlyList<string>? Statistics { get; init; }

    /// <summary>Report the stable stage; null: as the plan says (default true).</summary>
    public bool? StableStage { get; init; }

    /// <summary>Goodput limits; null: the plan's (none when it has none).</summary>
    public PodBench.Dsl.GoodputSlo? Goodput { get; init; }

    /// <summary>SLO gates checked on the merge; null: the plan's.</summary>
    public IReadOnlyList<GateDocument>? Gates { get; init; }

    /// <summary>Where the merge writes; null: <c>&lt;run&gt;/performances/merge_results</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>DuckDB's memory limit (e.g. <c>6GB</c>); null: DuckDB's default. Beyond it DuckDB spills to disk.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>True when the caller already holds the run's merge and pod locks (<see cref="MergeLocks"/>) for the whole merge.</summary>
    internal bool LocksHeld { get; init; }

    /// <summary>Receives one line per merge step with its elapsed time (progress for the CLI); null: silent.</summary>
    public System.Action<string>? Log { get; init; }

    /// <summary>When the command that ran the pods and this merge started (ns since the Unix epoch), for <see cref="WallTime"/>; null when unknown.</summary>
    public long? CommandStartedUtcNs { get; init; }
}
