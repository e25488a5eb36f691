using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>The HttpClient transport: HTTPS (HTTP/2 where offered), and plain HTTP where the epoll transport is off.</summary>
internal sealed class HttpClientTransport : IRequestTransport
{
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _http;
    private readonly Uri _target;
    private readonly Version _version;
    private readonly HttpVersionPolicy _versionPolicy;
    private readonly AuthenticationHeaderValue? _authorization;

    public HttpClientTransport(TlsOptions tls, Uri baseUrl, Uri target, string? apiKey, int maxConnections)
    {
        _handler = HttpHandlerFactory.Create(tls, baseUrl, maxConnections);
        _http = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _target = UrlSecrets.WithoutUserInfo(target);
        var https = string.Equals(baseUrl.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        _version = https ? HttpVersion.Version20 : HttpVersion.Version11;
        _versionPolicy = https ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact;
        _authorization = UrlSecrets.Authorization(target, apiKey);
    }

    /// <inheritdoc />
    public bool ReadsOnSocketLoop => false;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // not disposed here: an HTTP/2 request body may still be in flight when the head arrives
        var request = new HttpRequestMessage(HttpMethod.Post, _target) { Version = _version, VersionPolicy = _versionPolicy, Content = content };
        request.Headers.Authorization = _authorization;
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new TransportResponse((int)response.StatusCode, response.ReasonPhrase ?? "", stream, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }
}
