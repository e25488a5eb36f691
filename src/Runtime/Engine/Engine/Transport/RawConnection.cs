using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>
/// A connected TCP socket whose reads the <see cref="EpollLoop"/> performs: on each wake-up the loop reads what
/// the socket holds straight into the memory of the reader waiting in <see cref="ReadAsync"/> (into this
/// connection's own buffer when none waits), and that reader's code then continues on the loop thread. Writes go
/// straight from the caller (<see cref="SendAsync"/>).
/// </summary>
/// <remarks>
/// The socket is edge-triggered, so a read that returns less than the free space means the socket is empty: Linux
/// signals again when more bytes arrive. The exception is an event that also reports the peer's close or an error:
/// it will not be signalled again, so the loop then reads on until the end or the error shows. When bytes may be left
/// behind (a full destination, a closing peer, a reader that stopped reading), the next <see cref="ReadAsync"/>
/// reads them itself. The connection's buffer is rented only when bytes arrive with no reader waiting, so an idle or
/// streaming connection holds none.
/// </remarks>
internal sealed class RawConnection : IValueTaskSource<int>, IDisposable
{
    private const int InitialSize = 16 << 10;
    private const int MaxBuffered = 1 << 20;

    private readonly Lock _lock = new();
    private readonly Socket _socket;
    private readonly int _fd;
    private readonly EpollLoop _loop;
    private readonly bool _stamped;
    private long _arrivalTicks;
    private long _id;
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _leftInSocket;
    private bool _disposed;
    private Exception? _failure;
    private ManualResetValueTaskSourceCore<int> _core;
    private Memory<byte> _waiting;
    private bool _isWaiting;
    private TaskCompletionSource? _connecting;

    public RawConnection(Socket socket, EpollLoop loop)
    {
        _socket = socket;
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        _loop = loop;
        _stamped = ArrivalStamps.TryEnable(socket);
        _core.RunContinuationsAsynchronously = false;
    }

    /// <summary>
    /// When the last bytes the socket gave arrived, on the <see cref="System.Diagnostics.Stopwatch"/> clock, per the
    /// kernel (<see cref="ArrivalStamps"/>); 0 when unknown. Every byte a read returns arrived no later than this.
    /// </summary>
    public long ArrivalTicks => Volatile.Read(ref _arrivalTicks);

    /// <summary>
    /// The reader's own buffer, kept with the connection: each response's head and framing are parsed in it, so a
    /// request allocates no buffer (one per request would live as long as its stream and be copied by every GC).
    /// </summary>
    public byte[] ParseBuffer { get; private set; } = new byte[4096];

    /// <summary>Requests sent on this connection (more than one: it came from the pool).</summary>
    public int Uses { get; set; }

    /// <summary>
    /// Whether an idle connection can carry another request: open, not failed, and nothing unasked-for was received.
    /// </summary>
    public bool IsReusable
    {
        get
        {
            lock (_lock)
            {
                // a read that just filled its destination may have left nothing behind: look
                ReceiveLeftOver();
                return !_disposed && !_eof && _failure is null && _start == _end && !_leftInSocket;
            }
        }
    }

    /// <summary>Doubles <see cref="ParseBuffer"/>, keeping its first <paramref name="used"/> bytes.</summary>
    public byte[] GrowParseBuffer(int used)
    {
        var bigger = new byte[ParseBuffer.Length * 2];
        ParseBuffer.AsSpan(0, used).CopyTo(bigger);
        ParseBuffer = bigger;
        return bigger;
    }

    /// <summary>
    /// Connects the (non-blocking) socket without blocking a thread: the loop completes the connect when the socket
    /// becomes writable. Throws <see cref="SocketException"/> when the connect fails.
    /// </summary>
    public async Task ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var connecting = new TaskCompletionSource();
        lock (_lock)
        {
            _connecting = connecting;
        }

        try
        {
            _socket.Connect(endPoint);
            lock (_lock)
            {
                _connecting = null;
            }

            _id = _loop.Register(this, _fd, connecting: false);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // registered only now: epoll reports a socket that has not started connecting as hung up and writable
            _id = _loop.Register(this, _fd, connecting: true);
            using (cancellationToken.UnsafeRegister(static (state, token) => ((RawConnection)state!).FinishConnect(new OperationCanceledException(token)), this))
            {
                await connecting.Task.ConfigureAwait(false);
            }

            // lets the Socket object record that its non-blocking connect finished
            _socket.Poll(0, SelectMode.SelectWrite);
            _loop.Connected(_id, _fd);
        }
    }

    /// <summary>
    /// Sends all of <paramref name="data"/>; throws <see cref="IOException"/> when the socket fails. The socket is
    /// non-blocking: what fits in its send buffer (every usual request) goes at once on the caller's thread, which is
    /// often the loop's; the rest of a bigger one is sent from a pool thread, so the loop keeps reading meanwhile.
    /// </summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data)
    {
        var sent = TrySend(data.Span);
        return sent == data.Length ? ValueTask.CompletedTask : new ValueTask(Task.Run(() => SendRest(data[sent..])));
    }

    /// <summary>Sends without waiting; returns how much went (less than all when the send buffer is full).</summary>
    private int TrySend(ReadOnlySpan<byte> data)
    {
        var sent = 0;
        while (sent < data.Length)
        {
            var n = _socket.Send(data[sent..], SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                return sent;
            }

            if (error != SocketError.Success)
            {
                throw new IOException("sending the request failed: " + new SocketException((int)error).Message);
            }

            sent += n;
        }

        return sent;
    }

    private void SendRest(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            lock (_lock)
            {
                if (_failure is { } failure)
                {
                    throw failure is IOException ? failure : new IOException("sending the request failed: " + failure.Message, failure);
                }
            }

            // a bounded wait, so that an abort (which fails the connection) is noticed
            _socket.Poll(100_000, SelectMode.SelectWrite);
            data = data[TrySend(data.Span)..];
        }
    }

    /// <summary>
    /// Copies received bytes into <paramref name="destination"/>: at once when some are buffered, else when the loop
    /// next reads the socket. 0 means the peer closed the connection.
    /// </summary>
    public ValueTask<int> ReadAsync(Memory<byte> destination)
    {
        lock (_lock)
        {
            if (_start == _end)
            {
                ReceiveLeftOver();
            }

            if (_start < _end)
            {
                return new ValueTask<int>(CopyOut(destination.Span));
            }

            if (_failure is not null)
            {
                return ValueTask.FromException<int>(_failure);
            }

            if (_eof || _disposed)
            {
                return new ValueTask<int>(0);
            }

            _core.Reset();
            _waiting = destination;
            _isWaiting = true;
            return new ValueTask<int>(this, _core.Version);
        }
    }

    /// <summary>Fails the pending and every later read with <paramref name="reason"/> and shuts the socket down.</summary>
    public void Abort(Exception reason)
    {
        lock (_lock)
        {
            _failure ??= reason;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        CompleteWaiter();
    }

    /// <summary>Called on the loop thread when the socket has bytes, was closed, failed, or finished connecting.</summary>
    /// <param name="events">The epoll event mask.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnReadable(uint events)
    {
        if (_connecting is not null)
        {
            var error = (SocketError)(int)_socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            FinishConnect(error == SocketError.Success ? null : new SocketException((int)error));
            return;
        }

        var closing = (events & (EpollNative.EpollRdHup | EpollNative.EpollHup | EpollNative.EpollErr)) != 0;
        bool complete;
        int result;
        Exception? failure;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var direct = 0;
            try
            {
                // the usual case, a reader waiting and nothing buffered: the bytes go straight into its memory
                if (_isWaiting && _start == _end)
                {
                    direct = ReceiveDirect(_waiting.Span, closing);
                }
                else
                {
                    Receive(untilEmpty: closing);
                }
            }
            catch (Exception e)
            {
                _failure ??= e;
            }

            complete = TakeWaiter(direct, out result, out failure);
        }

        if (complete)
        {
            Finish(result, failure);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _failure ??= new ObjectDisposedException(nameof(RawConnection));
            if (_id != 0)
            {
                _loop.Unregister(_id, _fd);
            }

            Release(_buffer);
            _buffer = [];
            _start = _end = 0;
        }

        _socket.Dispose();
        CompleteWaiter();
    }

    private void FinishConnect(Exception? failure)
    {
        TaskCompletionSource? connecting;
        lock (_lock)
        {
            connecting = _connecting;
            _connecting = null;
        }

        if (failure is null)
        {
            connecting?.TrySetResult();
        }
        else
        {
            connecting?.TrySetException(failure);
        }
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>
    /// Reads into the waiting reader's <paramref name="destination"/> (under the lock); returns the bytes read, 0 when
    /// none (the end, a failure or a spurious wake-up: the flags tell). Bytes can remain in the socket when the
    /// destination filled up or the peer also closed; the next <see cref="ReadAsync"/> reads them itself.
    /// </summary>
    private int ReceiveDirect(Span<byte> destination, bool closing)
    {
        var n = RecvOnce(destination);
        if (n > 0)
        {
            _leftInSocket = n == destination.Length || closing;
        }

        return Math.Max(n, 0);
    }

    /// <summary>
    /// Reads what the socket holds (under the lock): until a short read (or with <paramref name="untilEmpty"/>, until
    /// <c>EAGAIN</c>), the end, an error or a full buffer.
    /// </summary>
    private void Receive(bool untilEmpty)
    {
        _leftInSocket = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = _end = 0;
            }

            if (_buffer.Length - _end < 4096)
            {
                if (!MakeRoom())
                {
                    _leftInSocket = true;
                    return;
                }
            }

            var free = _buffer.Length - _end;
            var n = RecvOnce(_buffer.AsSpan(_end, free));
            if (n <= 0)
            {
                return;
            }

            _end += n;
            if (n < free && !untilEmpty)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One non-blocking <c>recv</c> into <paramref name="destination"/>, retried on <c>EINTR</c>: the bytes read; 0 at
    /// the end (<see cref="_eof"/> set); -1 when the socket is empty or failed (<see cref="_failure"/> set).
    /// </summary>
    private unsafe int RecvOnce(Span<byte> destination)
    {
        while (true)
        {
            nint n;
            var arrival = 0L;
            fixed (byte* p = destination)
            {
                n = _stamped
                    ? ArrivalStamps.Receive(_fd, p, destination.Length, EpollNative.MsgDontWait, out arrival)
                    : EpollNative.Recv(_fd, p, destination.Length, EpollNative.MsgDontWait);
            }

            if (n > 0)
            {
                // unstamped bytes must not inherit an earlier segment's stamp
                Volatile.Write(ref _arrivalTicks, arrival);
            }

            if (n >= 0)
            {
                _eof |= n == 0;
                return (int)n;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EpollNative.EIntr)
            {
                continue;
            }

            if (errno != EpollNative.EAgain)
            {
                _failure ??= new IOException("reading the response failed: " + new SocketException(errno).Message);
            }

            return -1;
        }
    }

    /// <summary>Reads what an earlier read may have left in the socket (under the lock).</summary>
    private void ReceiveLeftOver()
    {
        if (_leftInSocket && !_disposed)
        {
            Receive(untilEmpty: true);
        }
    }

    /// <summary>Compacts or grows the buffer; false when it already holds <see cref="MaxBuffered"/> unread bytes.</summary>
    private bool MakeRoom()
    {
        var live = _end - _start;
        if (_start > 0 && _buffer.Length - live >= 4096)
        {
            _buffer.AsSpan(_start, live).CopyTo(_buffer);
            _start = 0;
            _end = live;
            return true;
        }

        if (_buffer.Length >= MaxBuffered)
        {
            return false;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(InitialSize, _buffer.Length * 2));
        _buffer.AsSpan(_start, live).CopyTo(bigger);
        Release(_buffer);
        _buffer = bigger;
        _start = 0;
        _end = live;
        return true;
    }

    private static void Release(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int CopyOut(Span<byte> destination)
    {
        var n = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }

    /// <summary>Completes the waiting read, if any, outside the lock: its code continues on this thread.</summary>
    private void CompleteWaiter()
    {
        bool complete;
        int result;
        Exception? failure;
        lock (_lock)
        {
            complete = TakeWaiter(0, out result, out failure);
        }

        if (complete)
        {
            Finish(result, failure);
        }
    }

    /// <summary>
    /// Under the lock: whether the waiting read can complete now, with <paramref name="direct"/> bytes already in its
    /// memory, buffered bytes, the connection's failure or its end.
    /// </summary>
    private bool TakeWaiter(int direct, out int result, out Exception? failure)
    {
        result = 0;
        failure = null;
        if (!_isWaiting)
        {
            return false;
        }

        if (direct > 0)
        {
            result = direct;
        }
        else if (_start < _end)
        {
            result = CopyOut(_waiting.Span);
        }
        else if (_failure is not null)
        {
            failure = _failure;
        }
        else if (!_eof)
        {
            return false;
        }

        _isWaiting = false;
        _waiting = default;
        return true;
    }

    /// <summary>Completes the read taken by <see cref="TakeWaiter"/>, outside the lock.</summary>
    private void Finish(int result, Exception? failure)
    {
        if (failure is null)
        {
            _core.SetResult(result);
        }
        else
        {
            _core.SetException(failure);
        }
    }
}
