using System;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Where an endpoint's API lives below a base URL: the OpenAI-compatible paths below <c>/v1</c> (which the base URL may
/// already end in), the native ones (<c>/infer</c>, <c>/generate</c>, <c>/generate_stream</c>,
/// <c>/v2/models/&lt;model&gt;/generate[_stream]</c>) below the base URL's path, as the reference joins them.
/// </summary>
internal static class EndpointPaths
{
    /// <summary>The URL requests to <paramref name="endpoint"/> go to; Triton's carries its (served) model name.</summary>
    public static Uri Api(Uri baseUrl, ModelEndpoint endpoint) => endpoint.Api switch
    {
        ApiKind.MindieStream => Native(baseUrl, "infer"),
        ApiKind.Tgi => Native(baseUrl, "generate"),
        ApiKind.TgiStream => Native(baseUrl, "generate_stream"),
        ApiKind.Triton => Native(baseUrl, "v2/models/" + Uri.EscapeDataString(endpoint.Model ?? "") + "/generate"),
        ApiKind.TritonStream => Native(baseUrl, "v2/models/" + Uri.EscapeDataString(endpoint.Model ?? "") + "/generate_stream"),
        _ => Api(baseUrl, endpoint.Api),
    };

    public static Uri Api(Uri baseUrl, ApiKind api) => Combine(baseUrl, api is ApiKind.StreamChat or ApiKind.Chat ? "chat/completions" : "completions");

    public static Uri Models(Uri baseUrl) => Combine(baseUrl, "models");

    private static Uri Native(Uri baseUrl, string path) => new(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path, UriKind.Absolute);

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
