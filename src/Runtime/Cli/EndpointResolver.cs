using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Where a model's requests go: <c>BenchmarkEndpoints</c> for that abbr, else <c>BenchmarkEndpoint</c>, else the
/// plan's <c>Url</c>, else its host and port, else the built-in simulator.
/// </summary>
public static class EndpointResolver
{
    /// <summary>The base URL (scheme, host, port, optional path prefix) of <paramref name="model"/>'s server.</summary>
    public static Uri Resolve(ModelEndpoint model, RunSettings settings, string? simulatorUrl)
    {
        if (settings.Endpoints.TryGetValue(model.Abbr, out var perModel))
        {
            return Parse(perModel, $"BenchmarkEndpoints ({model.Abbr})");
        }

        if (settings.Endpoint is { Length: > 0 } endpoint)
        {
            return Parse(endpoint, "BenchmarkEndpoint");
        }

        if (model.Url is { Length: > 0 } url)
        {
            return Parse(url, $"{model.Abbr}: Url");
        }

        if (model.Host is { Length: > 0 } host)
        {
            var h = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && !host.StartsWith('[') ? $"[{host}]" : host;
            return Parse($"{(model.Https ? "https" : "http")}://{h}:{model.Port.ToString(CultureInfo.InvariantCulture)}", $"{model.Abbr}: Host/Port");
        }

        if (simulatorUrl is { Length: > 0 })
        {
            return Parse(simulatorUrl, "the simulator");
        }

        throw new UsageException($"{model.Abbr}: the plan names no server (Url or Host) and no simulator is running; set BenchmarkEndpoint or the model's Url.");
    }

    private static Uri Parse(string text, string what)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"{what}: '{UrlSecrets.Redact(text)}' is not an http:// or https:// URL.");
        }

        return uri;
    }
}
