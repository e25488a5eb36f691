using System;
using System.Diagnostics;

namespace PodBench.Runtime.Engine;

/// <summary>
/// One process's clock: monotonic readings (<see cref="Stopwatch.GetTimestamp"/>) placed on a UTC axis through one
/// anchor pair taken at start, so that timestamps of different pods can be merged on one time axis.
/// </summary>
public sealed class PodClock
{
    private static readonly double NsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;

    /// <summary>Takes the anchor pair now.</summary>
    public PodClock()
        : this(Stopwatch.GetTimestamp(), (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100L)
    {
    }

    /// <summary>A clock with a given anchor (for tests and for reading a pod manifest back).</summary>
    public PodClock(long anchorTimestamp, long anchorUtcNs)
    {
        AnchorTimestamp = anchorTimestamp;
        AnchorUtcNs = anchorUtcNs;
    }

    /// <summary>The shared process clock, anchored when first used.</summary>
    public static PodClock Process { get; } = new();

    /// <summary>The monotonic reading of the anchor.</summary>
    public long AnchorTimestamp { get; }

    /// <summary>The UTC time of the anchor, in ns since the Unix epoch.</summary>
    public long AnchorUtcNs { get; }

    /// <summary>Reads the monotonic clock (one call; cheap).</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>Maps a monotonic reading to ns since the Unix epoch on this process's UTC axis.</summary>
    public long ToUtcNs(long timestamp) => AnchorUtcNs + (long)Math.Round((timestamp - AnchorTimestamp) * NsPerTick);

    /// <summary>The monotonic reading at <paramref name="utcNs"/> on this process's UTC axis (the inverse of <see cref="ToUtcNs"/>).</summary>
    public long ToTimestamp(long utcNs) => AnchorTimestamp + (long)Math.Round((utcNs - AnchorUtcNs) / NsPerTick);

    /// <summary>The current time on this process's UTC axis, in ns since the Unix epoch.</summary>
    public long NowUtcNs() => ToUtcNs(Stopwatch.GetTimestamp());
}
