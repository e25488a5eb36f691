using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Runtime.Tests.Engine.Transport;

/// <summary>
/// A TCP server that answers each HTTP request with whatever its script writes on the raw socket: byte by byte,
/// with bad framing, closing or resetting at any point. Counts connections and records every request it read whole.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ScriptedExchange, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _readDelay;
    private readonly Task _accepting;
    private int _connections;

    /// <param name="script">Writes the answer to each request.</param>
    /// <param name="readDelay">How long a new connection waits before the server reads from it (a busy server).</param>
    public ScriptedHttpServer(Func<ScriptedExchange, Task> script, TimeSpan readDelay = default)
    {
        _script = script;
        _readDelay = readDelay;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Target => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/chat/completions");

    public int Connections => Volatile.Read(ref _connections);

    public ConcurrentQueue<string> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            var connection = Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(socket, connection));
        }
    }

    private async Task ServeAsync(Socket socket, int connection)
    {
        using (socket)
        {
            var pending = new StringBuilder();
            var buffer = new byte[8192];
            var index = 0;
            try
            {
                await Task.Delay(_readDelay);
                while (true)
                {
                    var request = await ReadRequestAsync(socket, pending, buffer);
                    if (request is null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    var exchange = new ScriptedExchange(socket, request, connection, index++);
                    await _script(exchange);
                    if (exchange.Closed)
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Reads one request (head and Content-Length body); null when the client closed the connection.</summary>
    private static async Task<string?> ReadRequestAsync(Socket socket, StringBuilder pending, byte[] buffer)
    {
        int headEnd;
        while ((headEnd = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                return null;
            }

            pending.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        var head = pending.ToString(0, headEnd + 4);
        var length = 0;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // the body is read as Latin-1, one char per byte, so its length is its byte count
        while (pending.Length < head.Length + length)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                return null;
            }

            pending.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        var request = pending.ToString(0, head.Length + length);
        pending.Remove(0, request.Length);
        return Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(request));
    }
}
