using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PodBench.Build.Tests;

/// <summary>
/// A loopback TCP proxy in front of a server: it reads the head of the first request of every connection, keeps it
/// for the test (which checks the <c>Authorization</c> header and that no password is in the request line or
/// <c>Host</c>), then forwards the bytes both ways unchanged.
/// </summary>
internal sealed class BasicAuthProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public BasicAuthProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The head of the first request of every connection.</summary>
    public ConcurrentQueue<string> Heads { get; } = new();

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

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                var down = client.GetStream();
                var buffer = new byte[64 * 1024];
                var length = 0;
                int end;
                while ((end = Encoding.Latin1.GetString(buffer, 0, length).IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
                {
                    var n = await down.ReadAsync(buffer.AsMemory(length), _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    length += n;
                }

                Heads.Enqueue(Encoding.Latin1.GetString(buffer, 0, end));
                await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                var up = upstream.GetStream();
                await up.WriteAsync(buffer.AsMemory(0, length), _stop.Token);
                await Task.WhenAny(down.CopyToAsync(up, _stop.Token), up.CopyToAsync(down, _stop.Token));
            }
            catch (Exception e) when (e is System.IO.IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A side closed.
            }
        }
    }
}
