using System;

using System.Buffers.Text;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>
/// The body of one HTTP/1.1 response, read from a <see cref="RawConnection"/>: chunked, Content-Length or read to
/// the close. Disposing it gives a connection whose response was read to its end back to the transport's pool and
/// closes any other.
/// </summary>
internal sealed class Http1ResponseStream : Stream, IArrivalStamped
{
    private const int MaxLine = 8 << 10;

    private readonly RawConnection _connection;
    private readonly Http1Transport _owner;
    private readonly Http1Framing _framing;
    private readonly bool _keepAlive;
    private readonly CancellationTokenRegistration _cancellation;
    private int _pos;
    private int _len;
    private long _remaining;
    private ChunkState _state;
    private bool _done;
    private bool _disposed;

    public Http1ResponseStream(Http1Transport owner, RawConnection connection, Http1ResponseHead head, int pos, int len, CancellationTokenRegistration cancellation)
    {
        _owner = owner;
        _connection = connection;
        _framing = head.Framing;
        _keepAlive = head.KeepAlive;
        _remaining = head.ContentLength;
        _pos = pos;
        _len = len;
        _cancellation = cancellation;
        _done = _framing == Http1Framing.None || (_framing == Http1Framing.Length && _remaining == 0);
    }

    private enum ChunkState
    {
        Size,
        Data,
        DataEnd,
        Trailers,
    }

    public override bool CanRead => true;

    /// <inheritdoc />
    public long ArrivalTicks => _connection.ArrivalTicks;

    private byte[] Buffer => _connection.ParseBuffer;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        while (!_done && !buffer.IsEmpty)
        {
            var produced = Decode(buffer.Span);
            if (produced > 0 || _done)
            {
                return produced;
            }

            // awaited here rather than in a helper: one resumption per socket read instead of two
            var read = await _connection.ReadAsync(PrepareFill()).ConfigureAwait(false);
            if (read > 0)
            {
                _len += read;
            }
            else if (_framing == Http1Framing.Close)
            {
                _done = true;
            }
            else
            {
                throw new IOException("the server closed the connection before the response ended");
            }
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _cancellation.Dispose();
            if (_done && _keepAlive && _pos == _len && _connection.IsReusable)
            {
                _owner.Return(_connection);
            }
            else
            {
                _connection.Dispose();
            }

        }

        base.Dispose(disposing);
    }

    /// <summary>Moves body bytes from the read buffer into <paramref name="destination"/>, removing the framing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Decode(Span<byte> destination)
    {
        if (_framing != Http1Framing.Chunked)
        {
            var n = Math.Min(destination.Length, _len - _pos);
            if (_framing == Http1Framing.Length)
            {
                n = (int)Math.Min(n, _remaining);
                _remaining -= n;
                _done = _remaining == 0;
            }

            Take(destination, n);
            return n;
        }

        var produced = 0;
        while (!_done && produced < destination.Length)
        {
            switch (_state)
            {
                case ChunkState.Size:
                    if (!TryTakeLine(out var line))
                    {
                        return produced;
                    }

                    _remaining = ParseChunkSize(line);
                    _state = _remaining == 0 ? ChunkState.Trailers : ChunkState.Data;
                    break;
                case ChunkState.Data:
                    var n = (int)Math.Min(Math.Min(destination.Length - produced, _len - _pos), _remaining);
                    if (n == 0)
                    {
                        return produced;
                    }

                    Take(destination[produced..], n);
                    produced += n;
                    _remaining -= n;
                    if (_remaining == 0)
                    {
                        _state = ChunkState.DataEnd;
                    }

                    break;
                case ChunkState.DataEnd:
                    if (!TryTakeLine(out var end))
                    {
                        return produced;
                    }

                    if (!end.IsEmpty)
                    {
                        throw new IOException("invalid chunked response: a chunk's data is longer than its size");
                    }

                    _state = ChunkState.Size;
                    break;
                default:
                    if (!TryTakeLine(out var trailer))
                    {
                        return produced;
                    }

                    _done = trailer.IsEmpty;
                    break;
            }
        }

        return produced;
    }

    private void Take(Span<byte> destination, int n)
    {
        Buffer.AsSpan(_pos, n).CopyTo(destination);
        _pos += n;
    }

    /// <summary>Takes one line ending in LF (a CR before it is dropped); false when the buffer holds no whole line.</summary>
    private bool TryTakeLine(out ReadOnlySpan<byte> line)
    {
        var unread = Buffer.AsSpan(_pos, _len - _pos);
        var lf = unread.IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (unread.Length > MaxLine)
            {
                throw new IOException("invalid chunked response: a chunk header or trailer line is too long");
            }

            line = default;
            return false;
        }

        line = unread[..lf];
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        _pos += lf + 1;
        return true;
    }

    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var semicolon = line.IndexOf((byte)';');
        var hex = (semicolon < 0 ? line : line[..semicolon]).Trim(" \t"u8);
        if (hex.IsEmpty || hex.Length > 15 || !Utf8Parser.TryParse(hex, out long size, out var consumed, 'X') || consumed != hex.Length)
        {
            throw new IOException("invalid chunked response: bad chunk size");
        }

        return size;
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when full) and returns the free space after them.</summary>
    private Memory<byte> PrepareFill()
    {
        if (_pos > 0)
        {
            Buffer.AsSpan(_pos, _len - _pos).CopyTo(Buffer);
            _len -= _pos;
            _pos = 0;
        }

        if (_len == Buffer.Length)
        {
            _connection.GrowParseBuffer(_len);
        }

        return Buffer.AsMemory(_len);
    }
}
