using System;
using System.IO;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Cluster;

/// <summary>
/// Estimates a pod's clock offset from the shared volume's clock: it writes small probe files and compares the
/// modification time the file system stamps on each with the pod's own UTC before and after the write. The stamp was
/// taken between the two readings, so each probe bounds the offset to an interval; the intervals are intersected.
/// </summary>
/// <remarks>
/// This measures against the clock that stamps the files: the file server's on NFS-like volumes that stamp on the
/// server, the node's own on a volume whose clients stamp times themselves (then every pod reads about 0, and the
/// bound says nothing about cross-host skew: see docs/cluster.md).
/// </remarks>
public static class ClockSkewEstimator
{
    /// <summary>
    /// How far a stamp may lag the fine clock: Linux stamps files from a tick-based clock (1-10 ms per tick); lags
    /// of 2-7 ms were seen on a loaded HZ=250 VM, so 20 ms leaves room.
    /// </summary>
    private const long CoarseStampNs = 20_000_000;

    /// <summary>Stamps of file systems that keep whole seconds only.</summary>
    private const long SecondStampNs = 1_000_000_000;

    /// <summary>Writes <paramref name="samples"/> probe files named after <paramref name="probeName"/> in <paramref name="directory"/> and estimates the offset.</summary>
    public static ClockSkew Estimate(string directory, string probeName, PodClock clock, int samples = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        Directory.CreateDirectory(directory);
        var before = new long[samples];
        var after = new long[samples];
        var stamps = new long[samples];
        for (var k = 0; k < samples; k++)
        {
            var path = Path.Combine(directory, $"{probeName}-{k}.probe");
            before[k] = clock.NowUtcNs();
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.WriteByte((byte)k);
                stream.Flush(flushToDisk: true);
            }

            after[k] = clock.NowUtcNs();
            stamps[k] = (File.GetLastWriteTimeUtc(path) - DateTime.UnixEpoch).Ticks * 100L;
            File.Delete(path);
        }

        return FromSamples(before, after, stamps);
    }

    /// <summary>
    /// The offset from probes: stamp k was taken while the local clock read between <paramref name="before"/>[k]
    /// and <paramref name="after"/>[k] (stamps may be truncated by the stamp granularity).
    /// </summary>
    public static ClockSkew FromSamples(long[] before, long[] after, long[] stamps)
    {
        var wholeSeconds = Array.TrueForAll(stamps, s => s % SecondStampNs == 0);
        var granularity = wholeSeconds ? SecondStampNs : CoarseStampNs;
        var lo = long.MinValue;
        var hi = long.MaxValue;
        var hullLo = long.MaxValue;
        var hullHi = long.MinValue;
        for (var k = 0; k < stamps.Length; k++)
        {
            // stamp + [0, granularity) = true time in [before, after] + offset
            var kLo = stamps[k] - after[k];
            var kHi = stamps[k] + granularity - before[k];
            lo = Math.Max(lo, kLo);
            hi = Math.Min(hi, kHi);
            hullLo = Math.Min(hullLo, kLo);
            hullHi = Math.Max(hullHi, kHi);
        }

        var method = wholeSeconds ? "file-mtime (1 s stamps)" : "file-mtime";
        if (lo > hi)
        {
            // The probes contradict each other (the stamp is not taken at the write, or a clock stepped): keep the
            // interval every probe allows together, which is wider but honest.
            (lo, hi) = (hullLo, hullHi);
            method += ", inconsistent probes";
        }

        return new ClockSkew(lo + ((hi - lo) / 2), (hi - lo + 1) / 2, stamps.Length, method);
    }
}
