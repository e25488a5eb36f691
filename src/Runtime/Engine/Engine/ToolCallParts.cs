using System;
using System.Collections.Generic;
using System.Text;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Engine;

/// <summary>
/// The tool calls of one response as they arrive: streamed <c>delta.tool_calls</c> pieces appended to the call their
/// <c>index</c> names (a call's name, then its arguments in pieces), or a whole <c>message.tool_calls</c>. Reused
/// across the requests of a slot; its buffers grow once.
/// </summary>
internal sealed class ToolCallParts : IDisposable
{
    private readonly List<Part> _parts = [];
    private int _count;

    /// <summary>The calls seen so far.</summary>
    public int Count => _count;

    /// <summary>Bytes of names and arguments appended so far: an event that grew it carried generated output.</summary>
    public long Bytes { get; private set; }

    public void Reset()
    {
        for (var i = 0; i < _count; i++)
        {
            _parts[i].Reset();
        }

        _count = 0;
        Bytes = 0;
    }

    /// <summary>The call at <paramref name="index"/> (the chunk's <c>index</c>, or the position in a whole message).</summary>
    public Part At(int index)
    {
        // a server's index is small; a huge or negative one is malformed and lands on the last slot instead of allocating
        index = Math.Clamp(index, 0, 127);
        while (_parts.Count <= index)
        {
            _parts.Add(new Part());
        }

        for (var i = _count; i <= index; i++)
        {
            _parts[i].Reset();
        }

        _count = Math.Max(_count, index + 1);
        return _parts[index];
    }

    /// <summary>Counts <paramref name="bytes"/> appended to a part's name or arguments.</summary>
    public void Added(int bytes) => Bytes += bytes;

    /// <summary>The calls as the record keeps them; empty when there were none.</summary>
    public ToolCall[] ToRecord()
    {
        if (_count == 0)
        {
            return [];
        }

        var calls = new ToolCall[_count];
        for (var i = 0; i < _count; i++)
        {
            var part = _parts[i];
            calls[i] = new ToolCall(part.Id, Encoding.UTF8.GetString(part.Name.WrittenSpan), Encoding.UTF8.GetString(part.Arguments.WrittenSpan));
        }

        return calls;
    }

    public void Dispose()
    {
        foreach (var part in _parts)
        {
            part.Name.Dispose();
            part.Arguments.Dispose();
        }
    }

    /// <summary>One call's pieces.</summary>
    internal sealed class Part
    {
        public string? Id;

        public PooledByteBuffer Name { get; } = new(64);

        public PooledByteBuffer Arguments { get; } = new(256);

        public void Reset()
        {
            Id = null;
            Name.Reset();
            Arguments.Reset();
        }
    }
}
