using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>
/// Plain-HTTP/1.1 transport over <see cref="RawConnection"/>s read by the process's <see cref="EpollLoop"/>: keep-alive
/// connections pooled per task, one request head written per request, chunked and Content-Length bodies. A request
/// whose pooled connection the server had closed (it could not be sent, or the server closed in order without any
/// answer) is sent again on a new connection, as HttpClient does; a reset after a request was taken is a failure.
/// </summary>
internal sealed class Http1Transport : IRequestTransport
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private const int MaxHead = 64 << 10;

    private readonly string _host;
    private readonly int _port;
    private readonly byte[] _prefix;
    private readonly EpollLoop _loop;
    private readonly Lock _lock = new();
    private readonly Stack<RawConnection> _idle = new();
    private bool _disposed;
    private IPAddress[]? _addresses;

    public Http1Transport(Uri target, string? apiKey)
    {
        _host = target.IdnHost;
        _port = target.Port;
        var head = new StringBuilder()
            .Append("POST ").Append(target.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(target.Authority).Append("\r\n")
            .Append("Content-Type: application/json\r\n");
        if (UrlSecrets.Authorization(target, apiKey) is { } authorization)
        {
            head.Append("Authorization: ").Append(authorization).Append("\r\n");
        }

        _prefix = Encoding.UTF8.GetBytes(head.Append("Content-Length: ").ToString());
        _loop = EpollLoop.Shared;
    }

    /// <summary>Whether this process can use the transport (Linux only: it calls epoll directly).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Connections opened so far (tests check reuse).</summary>
    public int Opened { get; private set; }

    /// <inheritdoc />
    public bool ReadsOnSocketLoop => true;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            var connection = TakeIdle() ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
            var reused = connection.Uses++ > 0;
            var registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((RawConnection)state!).Abort(new OperationCanceledException(token)), connection);
            try
            {
                await SendRequestAsync(connection, body).ConfigureAwait(false);
                var (head, bodyStart, length) = await ReadHeadAsync(connection).ConfigureAwait(false);
                var stream = new Http1ResponseStream(this, connection, head, bodyStart, length, registration);
                return new TransportResponse(head.Status, head.Reason, stream, null);
            }
            catch (Exception e)
            {
                registration.Dispose();
                connection.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                if (e is StaleConnectionException && reused)
                {
                    continue;
                }

                var message = e is StaleConnectionException ? "the server closed the connection without answering: " + e.Message : e.Message;
                throw e is StaleConnectionException or IOException ? new HttpRequestException($"{message} ({_host}:{_port})", e) : e;
            }
        }
    }

    /// <summary>Takes back a connection whose response was read to its end.</summary>
    public void Return(RawConnection connection)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        RawConnection[] idle;
        lock (_lock)
        {
            _disposed = true;
            idle = _idle.ToArray();
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            connection.Dispose();
        }
    }

    private RawConnection? TakeIdle()
    {
        while (true)
        {
            RawConnection? connection;
            lock (_lock)
            {
                if (!_idle.TryPop(out connection))
                {
                    return null;
                }
            }

            if (connection.IsReusable)
            {
                return connection;
            }

            connection.Dispose();
        }
    }

    private async Task<RawConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        Exception? failure = null;
        try
        {
            _addresses ??= await Dns.GetHostAddressesAsync(_host, timeout.Token).ConfigureAwait(false);
            foreach (var address in _addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
                var connection = new RawConnection(socket, _loop);
                try
                {
                    await connection.ConnectAsync(new IPEndPoint(address, _port), timeout.Token).ConfigureAwait(false);
                    lock (_lock)
                    {
                        Opened++;
                    }

                    return connection;
                }
                catch (SocketException e)
                {
                    connection.Dispose();
                    failure = e;
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
            {
                throw new HttpRequestException($"connecting timed out after {ConnectTimeout.TotalSeconds:0} s ({_host}:{_port})", e);
            }

            failure = e;
        }

        throw new HttpRequestException($"{failure?.Message ?? "the host has no address"} ({_host}:{_port})", failure);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendRequestAsync(RawConnection connection, ReadOnlyMemory<byte> body)
    {
        var size = _prefix.Length + 24 + body.Length;
        var request = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            _prefix.CopyTo(request, 0);
            var at = _prefix.Length;
            Utf8Formatter.TryFormat(body.Length, request.AsSpan(at), out var digits);
            at += digits;
            "\r\n\r\n"u8.CopyTo(request.AsSpan(at));
            at += 4;
            body.Span.CopyTo(request.AsSpan(at));
            await connection.SendAsync(request.AsMemory(0, at + body.Length)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            throw new StaleConnectionException(e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
        }
    }

    /// <summary>
    /// Reads up to the blank line after the final (non-1xx) head into the connection's
    /// <see cref="RawConnection.ParseBuffer"/>. Returns the head and where the first body bytes lie in that buffer.
    /// Throws <see cref="StaleConnectionException"/> when the server closed the connection in order (as at the end of
    /// its keep-alive time) before any byte of an answer.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<(Http1ResponseHead Head, int BodyStart, int Length)> ReadHeadAsync(RawConnection connection)
    {
        var length = 0;
        var received = 0;
        while (true)
        {
            var buffer = connection.ParseBuffer;
            var end = FindHeadEnd(buffer.AsSpan(0, length), out var separator);
            if (end >= 0)
            {
                var head = Http1ResponseHead.Parse(buffer.AsSpan(0, end));
                var bodyStart = end + separator;
                if (head.Status >= 200)
                {
                    return (head, bodyStart, length);
                }

                buffer.AsSpan(bodyStart, length - bodyStart).CopyTo(buffer);
                length -= bodyStart;
                continue;
            }

            if (length == buffer.Length)
            {
                if (length >= MaxHead)
                {
                    throw new IOException($"the response head is longer than {MaxHead / 1024} KiB");
                }

                buffer = connection.GrowParseBuffer(length);
            }

            // a reset is no sign of staleness: a server that aborts a request it took also resets, and Linux then
            // drops what it had sent
            var read = await connection.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false);
            if (read == 0)
            {
                throw received == 0
                    ? new StaleConnectionException(null)
                    : new IOException("the server closed the connection in the middle of the response head");
            }

            length += read;
            received += read;
        }
    }

    private static int FindHeadEnd(ReadOnlySpan<byte> bytes, out int separator)
    {
        var crlf = bytes.IndexOf("\r\n\r\n"u8);
        var lf = bytes.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            separator = 4;
            return crlf;
        }

        separator = 2;
        return lf;
    }

    /// <summary>
    /// The request could not be sent, or the server closed the connection in order before any byte of an answer: a
    /// pooled connection whose keep-alive time just ran out.
    /// </summary>
    private sealed class StaleConnectionException(Exception? inner)
        : Exception(inner?.Message ?? "the connection was closed", inner);
}
