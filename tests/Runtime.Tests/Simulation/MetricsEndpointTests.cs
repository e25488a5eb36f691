using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

/// <summary>The simulator's <c>/metrics</c>: vLLM's names, in the Prometheus text format, following its real state.</summary>
public sealed class MetricsEndpointTests
{
    private static readonly SimulatorOptions OneSlot = SimulatorOptions.Default with
    {
        MaxBatch = 1,
        BaseTtft = TimeSpan.FromMilliseconds(5),
        DecodePerToken = TimeSpan.FromMilliseconds(60),
    };

    [Fact]
    public async Task Metrics_follow_the_running_and_waiting_requests_and_count_every_token()
    {
        await using var server = await SimulatorServer.StartAsync(OneSlot);
        using var client = SimClient.Create(server.BaseUrl);
        var idle = await ScrapeAsync(client);
        Assert.Equal(0, Value(idle, "vllm:num_requests_running"));
        Assert.Equal(0, Value(idle, "vllm:generation_tokens_total"));
        Assert.Equal("counter", idle.Types["vllm:prompt_tokens_total"]);
        Assert.Equal("gauge", idle.Types["vllm:kv_cache_usage_perc"]);

        var first = SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 6, prompt: "one two three"));
        var second = SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 6, prompt: "four five six"));
        PrometheusParse busy;
        var watch = Stopwatch.StartNew();
        do
        {
            busy = await ScrapeAsync(client);
        }
        while (!(Value(busy, "vllm:num_requests_running") == 1 && Value(busy, "vllm:num_requests_waiting") == 1) && watch.Elapsed < TimeSpan.FromSeconds(10));

        // one batch slot: one request decodes, the other waits for it; the decoding one holds KV cache
        Assert.Equal(1, Value(busy, "vllm:num_requests_running"));
        Assert.Equal(1, Value(busy, "vllm:num_requests_waiting"));
        Assert.InRange(Value(busy, "vllm:kv_cache_usage_perc"), 1e-9, 1);
        Assert.Equal(Value(busy, "vllm:kv_cache_usage_perc"), Value(busy, "vllm:gpu_cache_usage_perc"));

        var prompts = 0;
        foreach (var response in new[] { await first, await second })
        {
            using (response)
            {
                var events = await SimClient.ReadEventsAsync(response);
                var usage = events.Select(e => e.Data).Where(d => d.Contains("\"usage\":{", StringComparison.Ordinal)).Select(d => JsonDocument.Parse(d).RootElement.GetProperty("usage")).Last();
                prompts += usage.GetProperty("prompt_tokens").GetInt32();
            }
        }

        var done = await ScrapeAsync(client);
        Assert.Equal(0, Value(done, "vllm:num_requests_running"));
        Assert.Equal(0, Value(done, "vllm:num_requests_waiting"));
        Assert.Equal(0, Value(done, "vllm:kv_cache_usage_perc"));
        Assert.Equal(12, Value(done, "vllm:generation_tokens_total"));
        Assert.Equal(prompts, Value(done, "vllm:prompt_tokens_total"));
        Assert.Equal(prompts, Value(done, "vllm:prefix_cache_queries_total"));
        Assert.Equal(0, Value(done, "vllm:prefix_cache_hits_total"));
        Assert.Equal(2, Value(done, "vllm:request_success_total"));
        Assert.All(done.Samples, s => Assert.Equal("qwen", s.Labels.Single(l => l.Key == "model_name").Value));
    }

    [Fact]
    public async Task Metrics_answer_only_get()
    {
        await using var server = await SimulatorServer.StartAsync(OneSlot);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/metrics", "{}");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static async Task<PrometheusParse> ScrapeAsync(System.Net.Http.HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var parse = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(parse.Errors);
        return parse;
    }

    private static double Value(PrometheusParse parse, string name) => parse.Samples.Single(s => s.Name == name).Value;
}
