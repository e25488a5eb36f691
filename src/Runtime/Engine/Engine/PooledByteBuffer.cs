using System;
using System.Buffers;

namespace PodBench.Runtime.Engine;

/// <summary>A growable byte buffer on <see cref="ArrayPool{T}"/>, reused across requests (reset, not freed).</summary>
internal sealed class PooledByteBuffer : IBufferWriter<byte>, IDisposable
{
    private const int ShrinkAbove = 1 << 20;
    private readonly int _initialSize;
    private byte[] _array;
    private int _length;

    public PooledByteBuffer(int initialSize = 4096)
    {
        _initialSize = initialSize;
        _array = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    /// <summary>Empties the buffer; a buffer grown past 1 MiB by a huge event goes back to the pool.</summary>
    public void Reset()
    {
        _length = 0;
        if (_array.Length > ShrinkAbove)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = ArrayPool<byte>.Shared.Rent(_initialSize);
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_length);
    }

    public void Dispose()
    {
        var array = _array;
        _array = Array.Empty<byte>();
        _length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 256;
        }

        if (_array.Length - _length >= sizeHint)
        {
            return;
        }

        var size = Math.Max(_array.Length * 2, _length + sizeHint);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _array.AsSpan(0, _length).CopyTo(bigger);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }

        _array = bigger;
    }
}
