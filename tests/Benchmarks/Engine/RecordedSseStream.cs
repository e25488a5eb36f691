using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;

namespace PodBench.Benchmarks.Engine;

/// <summary>
/// The raw body of one streamed chat completion (256 tokens, usage included) of the built-in simulator on loopback,
/// recorded once per process so every SSE parser is measured on the same bytes.
/// </summary>
internal static class RecordedSseStream
{
    private static readonly Lazy<byte[]> Recorded = new(() => RecordAsync().GetAwaiter().GetResult());

    public static byte[] Bytes => Recorded.Value;

    /// <summary>The events in <see cref="Bytes"/> (each ends at a blank line).</summary>
    public static int Events => Encoding.UTF8.GetString(Bytes).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length;

    private static async Task<byte[]> RecordAsync()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Fast);
        using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        const string body = """{"model":"qwen","messages":[{"role":"user","content":"hello there"}],"stream":true,"ignore_eos":true,"max_tokens":256,"stream_options":{"include_usage":true}}""";
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return bytes.Length > 0 && Encoding.UTF8.GetString(bytes).Contains("[DONE]", StringComparison.Ordinal)
            ? bytes
            : throw new InvalidOperationException("The simulator's stream did not end with [DONE].");
    }
}
