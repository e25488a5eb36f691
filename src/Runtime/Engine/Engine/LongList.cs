using System;

namespace PodBench.Runtime.Engine;

/// <summary>A reusable list of 64-bit readings (clock ticks), cleared per attempt without freeing.</summary>
internal sealed class LongList
{
    private long[] _items = new long[128];

    public int Count { get; private set; }

    public ReadOnlySpan<long> Span => _items.AsSpan(0, Count);

    public void Add(long value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = value;
    }

    public void Clear() => Count = 0;
}
