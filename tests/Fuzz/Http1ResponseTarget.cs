using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Engine.Transport;

namespace PodBench.Fuzz;

/// <summary>
/// The epoll transport's HTTP/1.1 response reading (<see cref="Http1Transport"/>: head, 1xx, chunked, Content-Length,
/// read to the close) over a real loopback connection: the input is what the server answers, then it closes.
/// Invariants: the outcome (status, reason and body, or the kind of error) does not depend on how the answer was cut
/// into writes; a bad answer ends in <see cref="HttpRequestException"/> or <see cref="IOException"/>, nothing else;
/// nothing hangs (a read still stuck 5 s after the server closed is reported; so is any input over the runner's
/// per-input timeout).
/// </summary>
public sealed class Http1ResponseTarget : IFuzzTarget
{
    private static readonly byte[] Body = "{\"prompt\":\"x\"}"u8.ToArray();
    private readonly Socket _listener;
    private readonly Uri _target;

    public Http1ResponseTarget()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        _target = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/v1/completions");
    }

    public string Name => "http1";

    public IReadOnlyList<byte[]> Seeds { get; } = new[]
    {
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n10\r\ndata: {\"a\":1}\n\n\r\ne\r\ndata: [DONE]\n\n\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy",
        "HTTP/1.0 200 OK\nContent-Type: application/json\n\n{\"choices\":[]}",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nTrailer: x\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    public IReadOnlyList<byte[]> Dictionary { get; } = new[]
    {
        "HTTP/1.1 ", "HTTP/1.0 ", "200 OK", "100 Continue", "\r\n", "\n", "\r\n\r\n", "Transfer-Encoding: chunked\r\n",
        "Content-Length: ", "Connection: close\r\n", "Connection: keep-alive\r\n", "0\r\n\r\n", ";", "ffffffffffffffff",
        "7fffffff", "-1", "data: [DONE]\n\n", ":", " ", "\t",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    public bool Run(byte[] input)
    {
        var whole = Exchange(input, pieceSize: 0);
        var cut = Exchange(input, pieceSize: 1 + (input.Length % 5));
        if (whole != cut)
        {
            throw new FuzzFailure($"the outcome depends on how the answer was cut: {Short(whole)} whole vs {Short(cut)} cut");
        }

        return whole.StartsWith("ok", StringComparison.Ordinal);
    }

    /// <summary>One request on a new connection; the server answers <paramref name="input"/> then closes.</summary>
    private string Exchange(byte[] input, int pieceSize)
    {
        using var transport = new Http1Transport(_target, null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var client = ReadAsync(transport, timeout.Token);
        using (var server = _listener.Accept())
        {
            server.NoDelay = true;
            ReadRequest(server);
            try
            {
                for (var at = 0; at < input.Length; at += pieceSize == 0 ? input.Length : pieceSize)
                {
                    server.Send(input, at, Math.Min(pieceSize == 0 ? input.Length : pieceSize, input.Length - at), SocketFlags.None);
                }

                server.Shutdown(SocketShutdown.Send);
                // closed only once the client has its outcome: nothing is lost to a close racing the last reads
                client.Wait(TimeSpan.FromSeconds(5));
            }
            catch (SocketException)
            {
                // the client stopped reading (a bad head) and closed: its outcome says why
            }
        }

        try
        {
            return client.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new FuzzFailure("the read hung: no outcome 5 s after the server closed");
        }
    }

    private static async Task<string> ReadAsync(Http1Transport transport, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await transport.SendAsync(Body, cancellationToken);
            var body = new MemoryStream();
            await response.Body.CopyToAsync(body, cancellationToken);
            return $"ok {response.Status} {response.Reason} {Convert.ToBase64String(body.ToArray())}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return "error " + e.GetType().Name;
        }
    }

    private static void ReadRequest(Socket server)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().EndsWith(Encoding.UTF8.GetString(Body), StringComparison.Ordinal))
        {
            var read = server.Receive(buffer);
            if (read == 0)
            {
                return;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }

    private static string Short(string outcome) => outcome.Length <= 120 ? outcome : outcome[..120] + "...";
}
