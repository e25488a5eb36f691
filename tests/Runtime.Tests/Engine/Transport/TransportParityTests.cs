using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine.Transport;
using Xunit;

namespace PodBench.Runtime.Tests.Engine.Transport;

/// <summary>Both transports give the same status, reason and body; plain HTTP picks the epoll one on Linux.</summary>
public sealed class TransportParityTests
{
    [Fact]
    public async Task Both_transports_read_the_same_response()
    {
        const string text = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
        await using var server = new ScriptedHttpServer(e => e.WriteAsync(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n{Encoding.UTF8.GetByteCount(text):x}\r\n{text}\r\n0\r\n\r\n"));
        var baseUrl = new Uri(server.Target.GetLeftPart(UriPartial.Authority) + "/");
        using var epoll = new Http1Transport(server.Target, "key");
        using var httpClient = new HttpClientTransport(TlsOptions.Default, baseUrl, server.Target, "key", 4);
        foreach (IRequestTransport transport in new IRequestTransport[] { epoll, httpClient })
        {
            using var response = await transport.SendAsync("{}"u8.ToArray(), CancellationToken.None);
            Assert.Equal(200, response.Status);
            Assert.Equal("OK", response.Reason);
            Assert.Equal(text, await new StreamReader(response.Body).ReadToEndAsync());
        }

        Assert.All(server.Requests, r => Assert.Contains("Authorization: Bearer key", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_on_linux_uses_the_epoll_transport_and_https_uses_httpclient()
    {
        Assert.False(TransportFactory.UsesEpoll(new Uri("https://example.com/")));
        if (Environment.GetEnvironmentVariable(TransportFactory.Variable) is null)
        {
            Assert.Equal(OperatingSystem.IsLinux(), TransportFactory.UsesEpoll(new Uri("http://127.0.0.1:8000/")));
        }
    }
}
