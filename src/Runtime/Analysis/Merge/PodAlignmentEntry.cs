using System.Collections.Generic;

namespace PodBench.Runtime.Merge;

/// <summary>One pod's place on the merged time axis.</summary>
/// <param name="Pod">The pod.</param>
/// <param name="StartOffsetNs">
/// When its (latest) measured phase began, after the earliest pod's, ns: the start of its manifest's measured window, or
/// its first successful send when the manifest has none.
/// </param>
/// <param name="Windows">
/// Its measured windows in time order: one, or more when a rerun (reuse) added requests to those of an earlier attempt;
/// empty when no request of it succeeded.
/// </param>
public sealed record PodAlignmentEntry(int Pod, long StartOffsetNs, IReadOnlyList<MeasuredSpan> Windows)
{
    /// <summary>How late its measured phase began after the instant the pods agreed on at the start barrier, ns; null without a barrier.</summary>
    public long? BarrierLateNs { get; init; }
}
