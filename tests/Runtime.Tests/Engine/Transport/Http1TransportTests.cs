using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Engine.Transport;
using Xunit;

namespace PodBench.Runtime.Tests.Engine.Transport;

/// <summary>
/// The epoll HTTP/1.1 transport against a server that writes raw bytes: every body framing, split anywhere, keep-alive
/// reuse, stale pooled connections, closes and resets at the worst moments, cancellation and the request it sends.
/// </summary>
public sealed class Http1TransportTests
{
    private const string Sse = "data: {\"a\":1}\n\ndata: [DONE]\n\n";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"stream\":true}");

    [Fact]
    public async Task Sends_one_exact_request_with_the_key_and_no_secret_elsewhere()
    {
        await using var server = new ScriptedHttpServer(e => e.WriteAsync(ChunkedResponse(Sse)));
        using var transport = new Http1Transport(server.Target, "sk-secret");
        Assert.Equal(Sse, await ReadAllAsync(transport));
        var request = Assert.Single(server.Requests);
        var lines = request.Split("\r\n");
        Assert.Equal("POST /v1/chat/completions HTTP/1.1", lines[0]);
        Assert.Contains($"Host: 127.0.0.1:{server.Target.Port}", lines);
        Assert.Contains("Content-Type: application/json", lines);
        Assert.Contains($"Content-Length: {Body.Length}", lines);
        Assert.Contains("Authorization: Bearer sk-secret", lines);
        Assert.EndsWith("\r\n\r\n" + Encoding.UTF8.GetString(Body), request, StringComparison.Ordinal);

        using var anonymous = new Http1Transport(server.Target, null);
        await ReadAllAsync(anonymous);
        Assert.DoesNotContain("Authorization", server.Requests.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_bigger_than_the_socket_buffers_is_sent_whole()
    {
        // the server waits before it reads, so 32 MiB cannot go in one non-blocking send: the rest goes from a pool thread
        var big = Encoding.UTF8.GetBytes("{\"prompt\":\"" + new string('x', 32 << 20) + "\"}");
        await using var server = new ScriptedHttpServer(e =>
        {
            var length = Encoding.UTF8.GetByteCount(e.Request[(e.Request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
            return e.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Length: {length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length}\r\n\r\n{length}");
        }, readDelay: TimeSpan.FromMilliseconds(300));
        using var transport = new Http1Transport(server.Target, null);
        using var response = await transport.SendAsync(big, CancellationToken.None);
        Assert.Equal(big.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await new StreamReader(response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_chunked_response_written_byte_by_byte_is_read_whole_and_the_connection_reused()
    {
        var text = string.Concat(Enumerable.Range(0, 20).Select(i => $"data: {{\"i\":{i}}}\n\n"));
        await AssertReadTwiceOverAsync(e => e.WriteAsync(ChunkedResponse(text, pieces: 7), byteByByte: true), text, connections: 1);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\nTransfer-Encoding: gzip, chunked\n\n5;name=value\nhello\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n", "hello world")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\n{\"a\"}", "{\"a\"}")]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok", "ok")]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", "ok", 2)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", "ok", 2)]
    public async Task Each_framing_ends_where_it_says_and_the_connection_is_kept_unless_closed(string response, string body, int connections = 1)
    {
        // chunk extensions, trailers and bare-LF lines; a Content-Length body; HTTP/1.0 asking for keep-alive; an
        // interim 100 before a final answer that closes; HTTP/1.0 without keep-alive
        await AssertReadTwiceOverAsync(e => e.WriteAsync(response), body, connections);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(8192)]
    [InlineData(300_000)]
    public async Task A_response_that_fills_the_read_buffer_exactly_or_overflows_it_loses_nothing_and_keeps_the_connection(int total)
    {
        // the loop reads straight into the reader's 4 KiB buffer: a response that fills it to the byte may have left
        // nothing in the socket (reusable) or more (read on the next call); the pool must tell which
        const string head = "HTTP/1.1 200 OK\r\nContent-Length: 000000\r\n\r\n";
        var body = string.Concat(Enumerable.Range(0, total - head.Length).Select(i => (char)('a' + (i % 26))));
        var response = head.Replace("000000", body.Length.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) + body;
        Assert.Equal(total, response.Length);
        await AssertReadTwiceOverAsync(e => e.WriteAsync(response), body, connections: 1);
    }

    [Fact]
    public async Task A_body_without_length_runs_to_the_close_even_when_data_and_close_arrive_together()
    {
        await using var server = new ScriptedHttpServer(async e =>
        {
            await e.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + Sse);
            e.Close();
        });
        using var transport = new Http1Transport(server.Target, null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(Sse, await ReadAllAsync(transport, timeout.Token));
        Assert.Equal(Sse, await ReadAllAsync(transport, timeout.Token));
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task An_error_status_keeps_its_code_reason_and_body()
    {
        await using var server = new ScriptedHttpServer(e => e.WriteAsync("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 9\r\n\r\nslow down"));
        using var transport = new Http1Transport(server.Target, null);
        using var response = await transport.SendAsync(Body, CancellationToken.None);
        Assert.Equal(429, response.Status);
        Assert.Equal("Too Many Requests", response.Reason);
        Assert.False(response.IsSuccess);
        Assert.Equal("slow down", await new StreamReader(response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_pooled_connection_the_server_closed_is_replaced_without_a_second_request()
    {
        await using var server = new ScriptedHttpServer(async e =>
        {
            await e.WriteAsync(ChunkedResponse(Sse));
            if (e.Connection == 1)
            {
                // the keep-alive time runs out right after the answer: the client learns it only when it reuses the connection
                await Task.Delay(50);
                e.Close();
            }
        });
        using var transport = new Http1Transport(server.Target, null);
        Assert.Equal(Sse, await ReadAllAsync(transport));
        await Task.Delay(200);
        Assert.Equal(Sse, await ReadAllAsync(transport));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task A_reset_in_the_middle_of_the_body_fails_the_read_and_the_connection_is_not_reused()
    {
        await using var server = new ScriptedHttpServer(async e =>
        {
            if (e.Connection == 1)
            {
                await e.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nf\r\ndata: {\"a\":1}\n\n\r\n");
                await Task.Delay(100);
                e.Reset();
                return;
            }

            await e.WriteAsync(ChunkedResponse(Sse));
        });
        using var transport = new Http1Transport(server.Target, null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using (var response = await transport.SendAsync(Body, timeout.Token))
        {
            var buffer = new byte[100];
            var first = await response.Body.ReadAsync(buffer, timeout.Token);
            Assert.Equal("data: {\"a\":1}\n\n", Encoding.UTF8.GetString(buffer, 0, first));
            await Assert.ThrowsAsync<IOException>(() => response.Body.ReadAsync(buffer, timeout.Token).AsTask());
        }

        Assert.Equal(Sse, await ReadAllAsync(transport, timeout.Token));
        Assert.Equal(2, transport.Opened);
    }

    [Fact]
    public async Task A_close_before_the_body_ends_is_an_error_not_an_end()
    {
        await using var server = new ScriptedHttpServer(async e =>
        {
            await e.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
            e.Close();
        });
        using var transport = new Http1Transport(server.Target, null);
        var error = await Assert.ThrowsAsync<IOException>(() => ReadAllAsync(transport));
        Assert.Contains("before the response ended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_connection_closed_without_an_answer_is_a_connection_error()
    {
        await using var server = new ScriptedHttpServer(e =>
        {
            e.Close();
            return Task.CompletedTask;
        });
        using var transport = new Http1Transport(server.Target, null);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ReadAllAsync(transport));
        Assert.Contains("without answering", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{server.Target.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_instead_of_a_response_is_named()
    {
        await using var server = new ScriptedHttpServer(e => e.WriteAsync("SSH-2.0-OpenSSH\r\n\r\n"));
        using var transport = new Http1Transport(server.Target, null);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ReadAllAsync(transport));
        Assert.Contains("not an HTTP/1.x response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_while_the_server_is_silent_ends_the_wait()
    {
        await using var server = new ScriptedHttpServer(_ => Task.Delay(TimeSpan.FromSeconds(30)));
        using var transport = new Http1Transport(server.Target, null);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync(transport, cancel.Token));
    }

    [Fact]
    public async Task Cancelling_in_the_middle_of_the_body_fails_the_pending_read()
    {
        await using var server = new ScriptedHttpServer(async e =>
        {
            await e.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            await Task.Delay(TimeSpan.FromSeconds(30));
        });
        using var transport = new Http1Transport(server.Target, null);
        using var cancel = new CancellationTokenSource();
        using var response = await transport.SendAsync(Body, cancel.Token);
        var read = response.Body.ReadAsync(new byte[64], cancel.Token).AsTask();
        await Task.Delay(100);
        Assert.False(read.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public async Task A_refused_connection_names_host_and_port()
    {
        var port = FreePort();
        using var transport = new Http1Transport(new Uri($"http://127.0.0.1:{port}/v1/completions"), null);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => transport.SendAsync(Body, CancellationToken.None).AsTask());
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Many_concurrent_streams_each_get_their_own_bytes()
    {
        await using var server = new ScriptedHttpServer(async e =>
        {
            var id = e.Request[(e.Request.LastIndexOf("\"id\":", StringComparison.Ordinal) + 5)..].TrimEnd('}');
            await e.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (var i = 0; i < 10; i++)
            {
                var line = $"data: {{\"id\":{id},\"i\":{i}}}\n\n";
                await e.WriteAsync($"{Encoding.UTF8.GetByteCount(line):X}\r\n{line}\r\n");
                await Task.Delay(2);
            }

            await e.WriteAsync("0\r\n\r\n");
        });
        using var transport = new Http1Transport(server.Target, null);
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(async id =>
        {
            var body = Encoding.UTF8.GetBytes($"{{\"id\":{id}}}");
            using var response = await transport.SendAsync(body, CancellationToken.None);
            return (id, text: await new StreamReader(response.Body).ReadToEndAsync());
        }));
        Assert.All(results, r => Assert.Equal(
            string.Concat(Enumerable.Range(0, 10).Select(i => $"data: {{\"id\":{r.id},\"i\":{i}}}\n\n")), r.text));
        Assert.Equal(100, server.Connections);
    }

    /// <summary>
    /// Two requests to a server answering with <paramref name="script"/>: each reads <paramref name="body"/>, over
    /// <paramref name="connections"/> connections in all (1: the second reused the first's).
    /// </summary>
    private static async Task AssertReadTwiceOverAsync(Func<ScriptedExchange, Task> script, string body, int connections)
    {
        await using var server = new ScriptedHttpServer(script);
        using var transport = new Http1Transport(server.Target, null);
        Assert.Equal(body, await ReadAllAsync(transport));
        Assert.Equal(body, await ReadAllAsync(transport));
        Assert.Equal(connections, transport.Opened);
        Assert.Equal(connections, server.Connections);
    }

    private static async Task<string> ReadAllAsync(Http1Transport transport, CancellationToken cancellationToken = default)
    {
        using var response = await transport.SendAsync(Body, cancellationToken);
        Assert.Equal(200, response.Status);
        var bytes = new MemoryStream();
        var buffer = new byte[3];
        int read;
        while ((read = await response.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string ChunkedResponse(string body, int pieces = 1, string extraHeaders = "")
    {
        var text = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n").Append(extraHeaders).Append("\r\n");
        var size = (body.Length + pieces - 1) / pieces;
        for (var at = 0; at < body.Length; at += size)
        {
            var piece = body.Substring(at, Math.Min(size, body.Length - at));
            text.Append(Encoding.UTF8.GetByteCount(piece).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n").Append(piece).Append("\r\n");
        }

        return text.Append("0\r\n\r\n").ToString();
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        return ((System.Net.IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
