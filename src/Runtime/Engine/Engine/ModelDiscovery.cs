using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;

namespace PodBench.Runtime.Engine;

/// <summary>Finds the served model name of an endpoint whose plan names none (reference: <c>GET /v1/models</c>, first id).</summary>
public static class ModelDiscovery
{
    /// <summary>
    /// Asks <c>GET {baseUrl}/v1/models</c> and returns <c>data[0].id</c>. Throws <see cref="InvalidOperationException"/>
    /// with the URL and the reason when the server cannot be reached, answers non-2xx or lists no model.
    /// </summary>
    /// <param name="baseUrl">The server base URL.</param>
    /// <param name="apiKey">Sent as <c>Authorization: Bearer</c> when set; never part of an error text.</param>
    /// <param name="tls">TLS options for https; null checks certificates against the system store.</param>
    /// <param name="timeout">How long to wait; default 30 s.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static async Task<string> GetFirstModelIdAsync(Uri baseUrl, string? apiKey, TlsOptions? tls = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var url = UrlSecrets.WithoutUserInfo(EndpointPaths.Models(baseUrl));
        using var handler = HttpHandlerFactory.Create(tls ?? TlsOptions.Default, baseUrl, 1);
        using var client = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = UrlSecrets.Authorization(baseUrl, apiKey);

        string body;
        int status;
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Cannot list the models of {url}: {KeyRedaction.Redact(e.Message, apiKey)}", e);
        }

        if (status is < 200 or > 299)
        {
            throw new InvalidOperationException($"Cannot list the models of {url}: HTTP {status}: {Excerpt(body, apiKey)}");
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
                && data[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(id.GetString()))
            {
                return id.GetString()!;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Cannot list the models of {url}: the answer is not JSON ({e.Message}): {Excerpt(body, apiKey)}", e);
        }

        throw new InvalidOperationException($"{url} lists no model (no data[0].id): {Excerpt(body, apiKey)}");
    }

    /// <summary>The start of an answer for an error text: the key redacted before the cut at 300 characters.</summary>
    internal static string Excerpt(string body, string? apiKey) => KeyRedaction.Excerpt(body, 300, apiKey);
}
