using System.Collections.Generic;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Merge;

/// <summary>What a pod tells <see cref="PodManifest.Create"/> about one finished task.</summary>
/// <param name="Model">Model abbr.</param>
/// <param name="Dataset">Dataset abbr.</param>
/// <param name="Concurrency">The configured concurrency limit of this pod's share.</param>
/// <param name="Counts">Records written.</param>
/// <param name="Files">The task's files, relative to the run folder (or absolute paths inside it).</param>
public sealed record PodTaskFiles(string Model, string Dataset, int Concurrency, PodRecordCounts Counts, IReadOnlyList<string> Files)
{
    /// <summary>How long stamped events waited in the socket before the pod read them; null when none was stamped.</summary>
    public LagSummary? ReadDelay { get; init; }

    /// <summary>
    /// Requests of the task whose prompt repeats an earlier one (the reference's synthetic "A A A ..." prompts): a
    /// server's prefix cache answers them faster than real traffic. 0 when every prompt was distinct.
    /// </summary>
    public int RepeatedPrompts { get; init; }

    /// <summary>The task's target request rate (req/s) when its schedule had one (paced mode); null otherwise.</summary>
    public double? TargetRate { get; init; }
}
