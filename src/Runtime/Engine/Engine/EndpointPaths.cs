using System;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>Where an endpoint's API lives below a base URL (which may already end in <c>/v1</c>).</summary>
internal static class EndpointPaths
{
    public static Uri Api(Uri baseUrl, ApiKind api) => Combine(baseUrl, api is ApiKind.StreamChat or ApiKind.Chat ? "chat/completions" : "completions");

    public static Uri Models(Uri baseUrl) => Combine(baseUrl, "models");

    private static Uri Combine(Uri baseUrl, string path)
    {
        var text = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (!text.EndsWith("/v1", StringComparison.Ordinal))
        {
            text += "/v1";
        }

        return new Uri(text + "/" + path, UriKind.Absolute);
    }
}
