using System;
using System.Numerics;
using System.Threading;

namespace PodBench.Runtime.Engine;

/// <summary>
/// A fixed-size, thread-safe histogram of non-negative durations in ns with about 0.8% relative resolution
/// (128 linear sub-buckets per power of two), so lag statistics cost constant memory however long a run is.
/// </summary>
internal sealed class LagHistogram
{
    private const int SubBits = 7;
    private const int Sub = 1 << SubBits;
    private const int Buckets = Sub + (Sub * 57);
    private readonly long[] _counts = new long[Buckets];
    private long _count;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    public long MaxNs => Interlocked.Read(ref _max);

    public void Record(long ns) => Record(ns, countIt: true);

    private void Record(long ns, bool countIt)
    {
        if (ns < 0)
        {
            ns = 0;
        }

        if (countIt)
        {
            Interlocked.Increment(ref _counts[Index(ns)]);
            Interlocked.Increment(ref _count);
        }

        var max = Interlocked.Read(ref _max);
        while (ns > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, ns, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>
    /// Records the gaps <c>(later[i + offset] - earlier[i]) * nsPerTick</c> for every i in one batch (the total and
    /// the maximum updated once per batch); negative gaps (clocks of different machines) are left out.
    /// </summary>
    public void RecordGaps(ReadOnlySpan<long> earlier, ReadOnlySpan<long> later, int offset, double nsPerTick)
    {
        var count = 0;
        long max = 0;
        for (var i = 0; i < earlier.Length && i + offset < later.Length; i++)
        {
            var gap = later[i + offset] - earlier[i];
            if (gap < 0)
            {
                continue;
            }

            var ns = (long)(gap * nsPerTick);
            Interlocked.Increment(ref _counts[Index(ns)]);
            max = Math.Max(max, ns);
            count++;
        }

        if (count == 0)
        {
            return;
        }

        Interlocked.Add(ref _count, count);
        Record(max, countIt: false);
    }

    /// <summary>The value at percentile <paramref name="p"/> (0..100), ns; 0 when empty.</summary>
    public double PercentileNs(double p)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(p / 100.0 * total);
        rank = Math.Clamp(rank, 1, total);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(Middle(i), MaxNs);
            }
        }

        return MaxNs;
    }

    internal static int Index(long ns)
    {
        if (ns < Sub)
        {
            return (int)ns;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)ns);
        var shift = msb - SubBits;
        var sub = (int)(ns >> shift) - Sub;
        return Math.Min(Sub + (shift * Sub) + sub, Buckets - 1);
    }

    private static double Middle(int index)
    {
        if (index < Sub)
        {
            return index;
        }

        var shift = (index - Sub) / Sub;
        var sub = (index - Sub) % Sub;
        var low = (double)(Sub + sub) * Math.Pow(2, shift);
        return low + (Math.Pow(2, shift) / 2);
    }
}
