using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

/// <summary>The simulator's prefix cache, over HTTP: blocks of tokens, reported in usage, lower TTFT on a hit.</summary>
public sealed class PrefixCacheTests
{
    private static readonly SimulatorOptions Cached = SimulatorOptions.Default with
    {
        BaseTtft = TimeSpan.FromMilliseconds(2),
        PrefillPerToken = TimeSpan.FromMilliseconds(1),
        DecodePerToken = TimeSpan.FromMilliseconds(1),
        PrefixCache = new SimulatorPrefixCache { BlockTokens = 4 },
    };

    private static string Words(string stem, int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => stem + i));

    private static JsonElement Usage(System.Collections.Generic.List<SseEvent> events) =>
        events.Where(e => !e.IsDone).Select(e => e.Json).Single(j => j.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object).GetProperty("usage");

    [Fact]
    public async Task A_repeated_prefix_is_reported_as_cached_whole_blocks_and_shortens_prefill()
    {
        await using var server = await SimulatorServer.StartAsync(Cached);
        using var client = SimClient.Create(server.BaseUrl);
        // chat: 3 template tokens + 20 words + 2 + the assistant's 3 = 28 tokens, 7 blocks of 4
        var first = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 2, prompt: Words("p", 20)));
        // the same 17 first words, then 3 others: tokens 0..19 are shared, so blocks 0..4 (20 tokens) hit
        var second = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 2, prompt: Words("p", 17) + " x y z"));
        var other = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 2, prompt: Words("q", 20)));

        Assert.Equal(28, Usage(first).GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(0, Usage(first).GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(20, Usage(second).GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(0, Usage(other).GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        var requests = server.Stats.GetRequests();
        Assert.Equal([0, 20, 0], requests.Select(r => r.CachedTokens));
        Assert.Equal([1, 1, 1], requests.Select(r => r.Messages));

        // /metrics counts the same hits as usage reports: vLLM's prefix cache counters, in tokens
        using var scrape = await client.GetAsync("/metrics");
        var metrics = PrometheusText.Parse(await scrape.Content.ReadAsStringAsync()).Samples;
        Assert.Equal(20, metrics.Single(m => m.Name == "vllm:prefix_cache_hits_total").Value);
        Assert.Equal(3 * 28, metrics.Single(m => m.Name == "vllm:prefix_cache_queries_total").Value);
    }

    [Fact]
    public async Task A_prompt_entirely_cached_still_computes_its_last_token()
    {
        await using var server = await SimulatorServer.StartAsync(Cached);
        using var client = SimClient.Create(server.BaseUrl);
        // completions: 12 words = 3 full blocks; the last token is always computed, so 2 blocks hit
        var body = SimClient.CompletionBody(maxTokens: 2, prompt: Words("w", 12));
        await SimClient.StreamAsync(client, "/v1/completions", body);
        var again = await SimClient.StreamAsync(client, "/v1/completions", body);
        Assert.Equal(8, Usage(again).GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());

        using var whole = await SimClient.PostAsync(client, "/v1/completions", body.Replace("\"stream\":true", "\"stream\":false", StringComparison.Ordinal));
        var json = JsonDocument.Parse(await whole.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(8, json.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }

    [Fact]
    public async Task Without_a_prefix_cache_usage_has_no_prompt_tokens_details()
    {
        await using var server = await SimulatorServer.StartAsync(Cached with { PrefixCache = null });
        using var client = SimClient.Create(server.BaseUrl);
        var body = SimClient.ChatBody(maxTokens: 2, prompt: Words("p", 20));
        await SimClient.StreamAsync(client, "/v1/chat/completions", body);
        var again = await SimClient.StreamAsync(client, "/v1/chat/completions", body);
        Assert.False(Usage(again).TryGetProperty("prompt_tokens_details", out _));
        Assert.All(server.Stats.GetRequests(), r => Assert.Equal(0, r.CachedTokens));
    }

    [Fact]
    public async Task The_least_recently_used_blocks_are_evicted_beyond_the_capacity()
    {
        await using var server = await SimulatorServer.StartAsync(Cached with { PrefixCache = new SimulatorPrefixCache { BlockTokens = 4, CapacityBlocks = 3 } });
        using var client = SimClient.Create(server.BaseUrl);
        // 9 words: 2 full blocks plus a partial; output 2 words makes 11 tokens, still 2 full blocks
        var a = SimClient.CompletionBody(maxTokens: 2, prompt: Words("a", 9));
        var b = SimClient.CompletionBody(maxTokens: 2, prompt: Words("b", 9));
        await SimClient.StreamAsync(client, "/v1/completions", a);
        await SimClient.StreamAsync(client, "/v1/completions", b);
        var evicted = await SimClient.StreamAsync(client, "/v1/completions", a);
        Assert.Equal([0, 0, 0], server.Stats.GetRequests().Select(r => r.CachedTokens));
        Assert.Equal(0, Usage(evicted).GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }
}
