namespace PodBench.Runtime.Merge;

/// <summary>
/// When a pod measured (the manifest's <c>measured_window</c>), ns since the Unix epoch on the pod's UTC axis.
/// </summary>
/// <param name="StartedUtcNs">When the pod's measured phase began: the agreed instant when it met the others at the start barrier, else when its tasks were ready.</param>
/// <param name="FirstSendUtcNs">The pod's first measured send (any request with a reading, failed ones included); null when it sent none.</param>
/// <param name="LastEndUtcNs">The last completion of its measured requests; null when it sent none.</param>
public sealed record PodMeasuredWindow(long StartedUtcNs, long? FirstSendUtcNs, long? LastEndUtcNs)
{
    /// <summary>The instant the pods agreed on at the start barrier, on this pod's axis; null when it met no barrier.</summary>
    public long? AgreedStartUtcNs { get; init; }

    /// <summary>
    /// How late the measured phase began after the agreed instant (<see cref="StartedUtcNs"/> minus
    /// <see cref="AgreedStartUtcNs"/>), ns; null without a barrier. Hours for a pod rerun after the others.
    /// </summary>
    public long? StartOffsetNs => AgreedStartUtcNs is { } agreed ? StartedUtcNs - agreed : null;
}
