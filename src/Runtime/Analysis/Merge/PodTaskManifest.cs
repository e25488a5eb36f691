using System.Collections.Generic;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Merge;

/// <summary>One task of a pod as its manifest records it.</summary>
/// <param name="Model">Model abbr.</param>
/// <param name="Dataset">Dataset abbr.</param>
/// <param name="Concurrency">The configured concurrency limit of this pod's share (0 when unlimited).</param>
/// <param name="Counts">Records written.</param>
/// <param name="Files">Every file of the task, with checksums.</param>
public sealed record PodTaskManifest(string Model, string Dataset, int Concurrency, PodRecordCounts Counts, IReadOnlyList<PodFileEntry> Files)
{
    /// <summary>
    /// How long events waited in the socket before the pod read them, where the kernel stamped their arrival (their
    /// readings are then those arrivals): the pod's own queueing, kept out of the latencies. Null when no event was
    /// stamped: the readings were then taken when each event was read.
    /// </summary>
    public LagSummary? ReadDelay { get; init; }

    /// <summary>
    /// Requests of the task whose prompt repeats an earlier one (the reference's synthetic "A A A ..." prompts): a
    /// server's prefix cache answers them faster than real traffic. 0 when every prompt was distinct.
    /// </summary>
    public int RepeatedPrompts { get; init; }

    /// <summary>The task's target request rate (req/s) when its schedule had one (paced mode); null otherwise.</summary>
    public double? TargetRate { get; init; }
}
