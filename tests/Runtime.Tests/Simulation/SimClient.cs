using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace PodBench.Runtime.Tests.Simulation;

/// <summary>A plain HTTP client for the simulator tests: posts JSON and reads server-sent events as they arrive.</summary>
internal static class SimClient
{
    public static HttpClient Create(Uri baseUrl) => new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

    public static string ChatBody(int? maxTokens = 5, bool stream = true, bool includeUsage = true, bool ignoreEos = true,
        string prompt = "hello there", string model = "qwen")
    {
        var body = new Dictionary<string, object?>
        {
            ["model"] = model,
            ["messages"] = new[] { new { role = "user", content = prompt } },
            ["stream"] = stream,
            ["ignore_eos"] = ignoreEos,
        };
        if (maxTokens is { } max)
        {
            body["max_tokens"] = max;
        }

        if (includeUsage)
        {
            body["stream_options"] = new { include_usage = true };
        }

        return JsonSerializer.Serialize(body);
    }

    public static string CompletionBody(int maxTokens = 5, bool stream = true, string prompt = "one two three")
        => JsonSerializer.Serialize(new
        {
            model = "qwen",
            prompt,
            max_tokens = maxTokens,
            stream,
            ignore_eos = true,
            stream_options = new { include_usage = true },
        });

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Reads every event's data and when it was read; the stream's end (however it ends) stops reading.</summary>
    public static async Task<List<SseEvent>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<SseEvent>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(new SseEvent(line["data: ".Length..], Stopwatch.GetTimestamp()));
            }
            else if (line.Length != 0)
            {
                throw new InvalidDataException("Unexpected SSE line: " + line);
            }
        }

        return events;
    }

    public static async Task<List<SseEvent>> StreamAsync(HttpClient client, string path, string json)
    {
        using var response = await PostAsync(client, path, json);
        Xunit.Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReadEventsAsync(response);
    }
}
