using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Engine.Transport;
using PodBench.Runtime.Tests.Engine.Transport;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>A URL's user info is masked wherever it is printed and sent only as HTTP Basic authorization.</summary>
public sealed class UrlSecretsTests
{
    [Theory]
    [InlineData("http://user:pa55@host:8000/v1", "http://***@host:8000/v1")]
    [InlineData("to http://user:p@ss@host/x and https://tok@h2", "to http://***@host/x and https://***@h2")]
    [InlineData("a=http://u:p%40x@h:1;b=http://h:2", "a=http://***@h:1;b=http://h:2")]
    [InlineData("http://host:8000/v1?mail=a@b", "http://host:8000/v1?mail=a@b")]
    [InlineData("no url at all", "no url at all")]
    public void Redact_masks_the_user_info_of_every_url(string text, string expected) => Assert.Equal(expected, UrlSecrets.Redact(text));

    [Fact]
    public void Basic_authorization_is_the_unescaped_user_and_password_and_a_key_wins()
    {
        var url = new Uri("http://us%65r:p%40ss@127.0.0.1:9/");

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:p@ss")), UrlSecrets.Authorization(url, null)!.ToString());
        Assert.Equal("Bearer sk-1", UrlSecrets.Authorization(url, "sk-1")!.ToString());
        Assert.Null(UrlSecrets.Authorization(new Uri("http://127.0.0.1:9/"), null));
        Assert.Equal("http://127.0.0.1:9/", UrlSecrets.WithoutUserInfo(url).ToString());
        Assert.Equal("http://***@127.0.0.1:9/", UrlSecrets.Display(url));
    }

    [Fact]
    public async Task Both_transports_send_the_user_info_as_basic_and_never_in_the_request_line_or_host()
    {
        await using var server = new ScriptedHttpServer(e => e.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        var target = new UriBuilder(server.Target) { UserName = "bench", Password = "hunter2" }.Uri;
        var baseUrl = new Uri(target.GetLeftPart(UriPartial.Authority) + "/");
        using var epoll = new Http1Transport(target, null);
        using var httpClient = new HttpClientTransport(TlsOptions.Default, baseUrl, target, null, 2);
        foreach (IRequestTransport transport in new IRequestTransport[] { epoll, httpClient })
        {
            using var response = await transport.SendAsync("{}"u8.ToArray(), CancellationToken.None);
            Assert.Equal("ok", await new StreamReader(response.Body).ReadToEndAsync());
        }

        Assert.Equal(2, server.Requests.Count);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:hunter2"));
        Assert.All(server.Requests, r =>
        {
            Assert.Contains("Authorization: " + basic, r, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", r, StringComparison.Ordinal);
            Assert.StartsWith("POST /v1/chat/completions HTTP/1.1\r\n", r, StringComparison.Ordinal);
        });
    }
}
