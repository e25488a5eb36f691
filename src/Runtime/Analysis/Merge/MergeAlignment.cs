using System.Collections.Generic;
using PodBench.Runtime.Metrics;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Whether the merged pods measured the same moment (<c>merge_summary.json</c>'s <c>alignment</c>; docs/metrics.md,
/// "Merged duration"): each pod's measured windows on the merged axis, the plain span, the active time (the union of
/// the windows) and, when the pods are staggered, the gap between them and the throughputs over the active time.
/// </summary>
public sealed record MergeAlignment
{
    /// <summary>Pods whose measured phases began further apart than this are staggered.</summary>
    public const long ToleranceNs = 250_000_000;

    /// <summary><c>aligned</c>, or <c>staggered</c> (the windows do not overlap as planned).</summary>
    public required string Status { get; init; }

    /// <summary>Every merged pod.</summary>
    public required IReadOnlyList<PodAlignmentEntry> Pods { get; init; }

    /// <summary>The latest pod's start offset, ns.</summary>
    public long StartSpreadNs { get; init; }

    /// <summary>First successful send to last successful completion over every pod, ns: the compatible Benchmark Duration.</summary>
    public long SpanNs { get; init; }

    /// <summary>The union of every pod's windows, ns: the time some pod was measuring.</summary>
    public long ActiveNs { get; init; }

    /// <summary>The span during which no pod measured (<see cref="SpanNs"/> minus <see cref="ActiveNs"/>), ns.</summary>
    public long GapNs => SpanNs - ActiveNs;

    /// <summary>
    /// Active Time and the throughputs over it (stage total), named apart from the compatible keys; the reports
    /// show them when the pods are staggered.
    /// </summary>
    public IReadOnlyList<GlobalValue> OverActiveTime { get; init; } = [];

    /// <summary>The warning, in words, when staggered; null when aligned.</summary>
    public string? Warning { get; init; }

    /// <summary>True when staggered.</summary>
    public bool Staggered => Status == "staggered";
}
