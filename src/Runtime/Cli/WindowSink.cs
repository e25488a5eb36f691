using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Passes every measured record on to the task's writer and keeps the task's measured window: the first reading
/// (a send) and the last (a completion) of any record, failed ones included, ns on the pod's UTC axis.
/// </summary>
internal sealed class WindowSink(IRecordSink inner) : IRecordSink
{
    private long _first = long.MaxValue;
    private long _last = long.MinValue;

    /// <summary>The first send, or null when no record had a reading.</summary>
    public long? FirstSendUtcNs => Volatile.Read(ref _first) is var v && v != long.MaxValue ? v : null;

    /// <summary>The last completion, or null when no record had a reading.</summary>
    public long? LastEndUtcNs => Volatile.Read(ref _last) is var v && v != long.MinValue ? v : null;

    /// <inheritdoc />
    public ValueTask WriteAsync(RequestRecord record, CancellationToken cancellationToken = default)
    {
        if (record.TimePointsNs is { Length: > 0 } points)
        {
            Lower(ref _first, points[0]);
            Raise(ref _last, points[^1]);
        }

        return inner.WriteAsync(record, cancellationToken);
    }

    private static void Lower(ref long field, long value)
    {
        var seen = Volatile.Read(ref field);
        while (value < seen && Interlocked.CompareExchange(ref field, value, seen) is var was && was != seen)
        {
            seen = was;
        }
    }

    private static void Raise(ref long field, long value)
    {
        var seen = Volatile.Read(ref field);
        while (value > seen && Interlocked.CompareExchange(ref field, value, seen) is var was && was != seen)
        {
            seen = was;
        }
    }
}
