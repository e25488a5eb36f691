using System;
using System.Buffers.Text;

namespace PodBench.Runtime.Simulation;

/// <summary>Fills one event into one span of the response pipe (one <c>GetSpan</c>, one <c>Advance</c> per event).</summary>
internal ref struct EventBuffer
{
    private readonly Span<byte> _span;

    public EventBuffer(Span<byte> span)
    {
        _span = span;
        Length = 0;
    }

    /// <summary>Bytes filled so far.</summary>
    public int Length { get; private set; }

    public void Put(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_span[Length..]);
        Length += bytes.Length;
    }

    public void Put(long number)
    {
        Utf8Formatter.TryFormat(number, _span[Length..], out var written);
        Length += written;
    }
}
