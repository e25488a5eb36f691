using System;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>One server's metrics endpoint a pod scrapes.</summary>
/// <param name="Url">The endpoint's URL (it may carry user info, sent as Basic authorization and never written).</param>
/// <param name="ApiKey">Sent as <c>Bearer</c> when set (the key of the first model served there).</param>
/// <param name="Tls">The TLS options of that model.</param>
public sealed record ScrapeTarget(Uri Url, string? ApiKey, TlsOptions Tls)
{
    /// <summary>The URL as files, logs and reports show it: without user info.</summary>
    public string Display => UrlSecrets.WithoutUserInfo(Url).ToString();

    /// <summary>The metrics URL of a model server at <paramref name="baseUrl"/>: its root (a trailing <c>/v1</c> dropped) plus <paramref name="path"/>.</summary>
    public static Uri MetricsUrl(Uri baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.Ordinal))
        {
            root = root[..^3];
        }

        return new Uri(root + "/" + path.TrimStart('/'), UriKind.Absolute);
    }
}
