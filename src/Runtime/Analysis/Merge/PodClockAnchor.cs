namespace PodBench.Runtime.Merge;

/// <summary>
/// One pod's anchor pair: a monotonic reading and the UTC time taken with it, which map the pod's monotonic
/// readings onto a UTC axis (see <see cref="Engine.PodClock"/>).
/// </summary>
/// <param name="MonotonicTicks">The <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> reading of the anchor.</param>
/// <param name="UtcNs">The UTC time of the anchor, ns since the Unix epoch.</param>
/// <param name="StopwatchFrequency">Monotonic ticks per second on that pod.</param>
public sealed record PodClockAnchor(long MonotonicTicks, long UtcNs, long StopwatchFrequency);
