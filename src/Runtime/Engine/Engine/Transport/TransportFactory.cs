using System;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine.Transport;

/// <summary>Picks a task's transport: the epoll one for plain HTTP on Linux, HttpClient otherwise.</summary>
internal static class TransportFactory
{
    /// <summary>Set to <c>httpclient</c> to send plain HTTP through HttpClient too (to compare, or on a problem).</summary>
    public const string Variable = "PODBENCH_TRANSPORT";

    /// <summary>The transport for <paramref name="endpoint"/> at <paramref name="baseUrl"/>.</summary>
    public static IRequestTransport Create(ModelEndpoint endpoint, Uri baseUrl, string? apiKey, int maxConnections)
    {
        var target = EndpointPaths.Api(baseUrl, endpoint);
        return UsesEpoll(baseUrl)
            ? new Http1Transport(target, apiKey)
            : new HttpClientTransport(endpoint.Tls, baseUrl, target, apiKey, maxConnections);
    }

    /// <summary>Whether requests to <paramref name="baseUrl"/> go through <see cref="Http1Transport"/>.</summary>
    public static bool UsesEpoll(Uri baseUrl) =>
        Http1Transport.IsSupported
        && string.Equals(baseUrl.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(Environment.GetEnvironmentVariable(Variable), "httpclient", StringComparison.OrdinalIgnoreCase);
}
