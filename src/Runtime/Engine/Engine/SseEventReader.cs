using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Splits a raw Server-Sent Events byte stream into events without allocating per event. The caller fills the
/// buffer (<see cref="GetReadMemory"/>, <see cref="Commit"/>) and takes events with <see cref="TryReadEvent"/>;
/// <see cref="Data"/> is valid until the next call. Events end at a blank line (<c>\n</c>, <c>\r\n</c> or <c>\r</c>
/// line ends), comment lines (<c>:</c>) and fields other than <c>data</c> are skipped, several <c>data</c> lines are
/// joined with <c>\n</c>, and an event without data is no event. At the end of the stream a last event that lacks
/// its blank line is still delivered (a cut inside its JSON then fails to parse). Kept over
/// <c>System.Net.ServerSentEvents.SseParser</c> by measurement (tests/Benchmarks/Engine/SseLibraryBenchmarks.cs,
/// docs/architecture.md): the same ~1.1 us per event with ChunkParser, 0 B against 352-512 B per response, and the
/// library pulls from a Stream where the epoll transport pushes reads (with their receive timestamps) into this buffer.
/// </summary>
internal sealed class SseEventReader : IDisposable
{
    /// <summary>Largest single event accepted; a bigger one fails the request instead of eating memory.</summary>
    public const int MaxEventBytes = 256 << 20;

    private const int MinRead = 2048;
    private static readonly byte[] DataField = "data"u8.ToArray();

    private readonly int _initialSize;
    private byte[] _buffer;
    private int _start;
    private int _pos;
    private int _scan;
    private int _end;
    private bool _skipLf;
    private bool _eof;
    private bool _consumePending;
    private int _lineCount;
    private int _firstOffset;
    private int _firstLength;
    private PooledByteBuffer? _joined;

    public SseEventReader(int initialSize = 8192)
    {
        _initialSize = initialSize;
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    /// <summary>True once the stream reported its end and every complete event was taken.</summary>
    public bool IsEndOfStream => _eof;

    /// <summary>The data of the event last returned by <see cref="TryReadEvent"/>.</summary>
    public ReadOnlySpan<byte> Data => _lineCount == 1 ? _buffer.AsSpan(_start + _firstOffset, _firstLength) : _joined!.WrittenSpan;

    /// <summary>The bytes read and not yet taken as events (a whole non-streamed body, for instance).</summary>
    public ReadOnlySpan<byte> Unread => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Forgets everything, for the next response.</summary>
    public void Reset()
    {
        _start = _pos = _scan = _end = 0;
        _skipLf = _eof = _consumePending = false;
        _lineCount = 0;
        if (_buffer.Length > 1 << 20)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(_initialSize);
        }

        _joined?.Reset();
    }

    /// <summary>Free space to read into; compacts or grows the buffer as needed.</summary>
    public Memory<byte> GetReadMemory()
    {
        ConsumePending();
        if (_start > 0 && (_buffer.Length - _end < MinRead || _start == _end))
        {
            var live = _end - _start;
            _buffer.AsSpan(_start, live).CopyTo(_buffer);
            _pos -= _start;
            _scan -= _start;
            _end = live;
            _start = 0;
        }

        if (_buffer.Length - _end < MinRead)
        {
            if (_end - _start >= MaxEventBytes)
            {
                throw new InvalidOperationException($"a server-sent event is larger than {MaxEventBytes >> 20} MiB");
            }

            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were read into <see cref="GetReadMemory"/>; 0 means end of stream.</summary>
    public void Commit(int count)
    {
        if (count <= 0)
        {
            _eof = true;
            return;
        }

        _end += count;
    }

    /// <summary>Takes the next complete event, if the buffer holds one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadEvent()
    {
        ConsumePending();
        while (true)
        {
            if (_skipLf)
            {
                if (_pos >= _end)
                {
                    return _eof && FlushAtEnd();
                }

                if (_buffer[_pos] == (byte)'\n')
                {
                    _pos++;
                    _scan = _pos;
                }

                _skipLf = false;
            }

            var from = Math.Max(_scan, _pos);
            var found = _buffer.AsSpan(from, _end - from).IndexOfAny((byte)'\n', (byte)'\r');
            if (found < 0)
            {
                _scan = _end;
                return _eof && FlushAtEnd();
            }

            var term = from + found;
            var lineStart = _pos;
            var lineLength = term - lineStart;
            if (_buffer[term] == (byte)'\r')
            {
                if (term + 1 < _end)
                {
                    _pos = _buffer[term + 1] == (byte)'\n' ? term + 2 : term + 1;
                }
                else
                {
                    _pos = term + 1;
                    _skipLf = true;
                }
            }
            else
            {
                _pos = term + 1;
            }

            _scan = _pos;
            if (lineLength == 0)
            {
                if (_lineCount > 0)
                {
                    _consumePending = true;
                    return true;
                }

                _start = _pos;
                continue;
            }

            AddLine(lineStart, lineLength);
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = Array.Empty<byte>();
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _joined?.Dispose();
    }

    private bool FlushAtEnd()
    {
        if (_pos < _end)
        {
            var lineStart = _pos;
            _pos = _end;
            _scan = _end;
            AddLine(lineStart, _end - lineStart);
        }

        if (_lineCount == 0)
        {
            return false;
        }

        _consumePending = true;
        return true;
    }

    private void ConsumePending()
    {
        if (!_consumePending)
        {
            return;
        }

        _consumePending = false;
        _lineCount = 0;
        _start = _pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddLine(int lineStart, int lineLength)
    {
        var line = _buffer.AsSpan(lineStart, lineLength);
        if (line[0] == (byte)':' || !line.StartsWith(DataField))
        {
            return;
        }

        int valueStart;
        if (line.Length == DataField.Length)
        {
            valueStart = line.Length;
        }
        else if (line[DataField.Length] == (byte)':')
        {
            valueStart = DataField.Length + 1;
            if (valueStart < line.Length && line[valueStart] == (byte)' ')
            {
                valueStart++;
            }
        }
        else
        {
            return;
        }

        var offset = lineStart + valueStart - _start;
        var length = lineLength - valueStart;
        if (_lineCount == 0)
        {
            _firstOffset = offset;
            _firstLength = length;
        }
        else
        {
            _joined ??= new PooledByteBuffer(1024);
            if (_lineCount == 1)
            {
                _joined.Reset();
                _joined.Append(_buffer.AsSpan(_start + _firstOffset, _firstLength));
            }

            _joined.Append("\n"u8);
            _joined.Append(_buffer.AsSpan(_start + offset, length));
        }

        _lineCount++;
    }
}
