using System;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class StreamingShapeTests
{
    internal static readonly SimulatorOptions Quick = new()
    {
        BaseTtft = TimeSpan.FromMilliseconds(1),
        PrefillPerToken = TimeSpan.Zero,
        DecodePerToken = TimeSpan.FromMilliseconds(1),
    };

    [Fact]
    public async Task Chat_stream_is_role_then_one_chunk_per_token_then_usage_then_done()
    {
        await using var server = await SimulatorServer.StartAsync(Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 7, prompt: "hello there"));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await SimClient.ReadEventsAsync(response);

        Assert.Equal(1 + 7 + 1 + 1, events.Count);
        Assert.True(events[^1].IsDone);
        var json = events.Take(events.Count - 1).Select(e => e.Json).ToList();
        var id = json[0].GetProperty("id").GetString()!;
        Assert.StartsWith("chatcmpl-", id, StringComparison.Ordinal);
        foreach (var chunk in json)
        {
            Assert.Equal(id, chunk.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal("qwen", chunk.GetProperty("model").GetString());
            Assert.True(chunk.GetProperty("created").GetInt64() > 1_600_000_000);
        }

        var role = json[0].GetProperty("choices")[0];
        Assert.Equal("assistant", role.GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("", role.GetProperty("delta").GetProperty("content").GetString());

        for (var i = 1; i <= 7; i++)
        {
            var choice = json[i].GetProperty("choices")[0];
            Assert.Equal(0, choice.GetProperty("index").GetInt32());
            Assert.False(string.IsNullOrEmpty(choice.GetProperty("delta").GetProperty("content").GetString()));
            Assert.False(choice.GetProperty("delta").TryGetProperty("role", out _));
            var finish = choice.GetProperty("finish_reason");
            if (i < 7)
            {
                Assert.Equal(System.Text.Json.JsonValueKind.Null, finish.ValueKind);
            }
            else
            {
                Assert.Equal("length", finish.GetString());
            }

            Assert.False(json[i].TryGetProperty("usage", out _));
        }

        var usageChunk = json[8];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        var usage = usageChunk.GetProperty("usage");
        Assert.Equal(2 + 5 + 3, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(17, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Completions_stream_carries_text_and_no_role_chunk()
    {
        await using var server = await SimulatorServer.StartAsync(Quick);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/completions", SimClient.CompletionBody(maxTokens: 4, prompt: "one two three"));

        Assert.Equal(4 + 1 + 1, events.Count);
        Assert.True(events[^1].IsDone);
        for (var i = 0; i < 4; i++)
        {
            var chunk = events[i].Json;
            Assert.StartsWith("cmpl-", chunk.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal("text_completion", chunk.GetProperty("object").GetString());
            var choice = chunk.GetProperty("choices")[0];
            Assert.False(string.IsNullOrEmpty(choice.GetProperty("text").GetString()));
            Assert.Equal(i == 3 ? "length" : null, choice.GetProperty("finish_reason").GetString());
        }

        var usage = events[4].Json.GetProperty("usage");
        Assert.Equal(3, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(4, usage.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Without_ignore_eos_the_model_stops_at_the_default_length_and_usage_only_when_asked()
    {
        await using var server = await SimulatorServer.StartAsync(Quick with { DefaultOutputTokens = 4 });
        using var client = SimClient.Create(server.BaseUrl);

        var stopped = await SimClient.StreamAsync(client, "/v1/chat/completions",
            SimClient.ChatBody(maxTokens: 10, ignoreEos: false, includeUsage: false));
        Assert.Equal(1 + 4 + 1, stopped.Count);
        Assert.Equal("stop", stopped[4].Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.DoesNotContain(stopped.Where(e => !e.IsDone), e => e.Json.TryGetProperty("usage", out _));

        var noMax = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: null, ignoreEos: true));
        Assert.Equal(1 + 4 + 1 + 1, noMax.Count);
        Assert.Equal(4, noMax[5].Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());

        var shortMax = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 2, ignoreEos: false));
        Assert.Equal("length", shortMax[2].Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Every_event_is_stamped_on_the_clients_clock_and_stamps_increase()
    {
        await using var server = await SimulatorServer.StartAsync(Quick);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 20));

        var stamped = events.Where(e => !e.IsDone).ToList();
        Assert.Equal(22, stamped.Count);
        for (var i = 0; i < stamped.Count; i++)
        {
            Assert.True(stamped[i].ServerStamp <= stamped[i].ReadAt, "an event cannot be read before the server stamped it");
            if (i > 0)
            {
                Assert.True(stamped[i].ServerStamp >= stamped[i - 1].ServerStamp);
            }
        }

        Assert.True(stamped[^1].ServerStamp > stamped[0].ServerStamp);
    }

    [Fact]
    public async Task Each_event_is_flushed_when_it_is_written()
    {
        var slow = Quick with { DecodePerToken = TimeSpan.FromMilliseconds(150) };
        await using var server = await SimulatorServer.StartAsync(slow);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 4, includeUsage: false));

        // The first token must reach the client before the server even produces the last one (450 ms later).
        Assert.True(events[1].ReadAt < events[4].ServerStamp);
    }
}
