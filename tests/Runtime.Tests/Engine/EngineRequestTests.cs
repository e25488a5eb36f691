using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>One request's record, end to end over real HTTP against <see cref="TestServer"/>.</summary>
public sealed class EngineRequestTests
{
    [Fact]
    public async Task Streaming_chat_record_has_every_field()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 5 });
        var request = EngineTestKit.Request(server, EngineTestKit.Endpoint(server), EngineTestKit.Rows(3), RunOptions.Default with { WarmUp = 2 });
        var (outcome, sink) = await EngineTestKit.RunAsync(request);

        Assert.Equal(3, outcome.Sent);
        Assert.Equal(3, outcome.Succeeded);
        Assert.Equal(0, outcome.Failed);
        Assert.Equal(2, outcome.WarmUpSent);
        Assert.Equal(2, outcome.WarmUpSucceeded);
        Assert.Equal(5, server.Requests.Count);
        var records = sink.Records.OrderBy(r => r.Id).ToArray();
        Assert.Equal(new long[] { 0, 1, 2 }, records.Select(r => r.Id));
        foreach (var r in records)
        {
            Assert.True(r.Success);
            Assert.False(r.WarmUp);
            Assert.Equal("", r.ErrorInfo);
            Assert.Equal("m1", r.ModelAbbr);
            Assert.Equal("d1", r.DataAbbr);
            Assert.Equal(3, r.Pod);
            Assert.Matches("^[0-9a-f]{32}$", r.Uuid);
            Assert.Equal(200, r.HttpStatus);
            Assert.Equal(1, r.Attempts);
            Assert.Equal($"prompt number {r.Id}", r.Input);
            Assert.Equal("tok0 tok1 tok2 tok3 tok4 ", r.Prediction);

            // send + role chunk + 5 content chunks + usage chunk; [DONE] gets no reading
            Assert.Equal(8, r.TimePointsNs.Length);
            for (var i = 1; i < r.TimePointsNs.Length; i++)
            {
                Assert.True(r.TimePointsNs[i] >= r.TimePointsNs[i - 1]);
            }

            Assert.Equal(7, r.ServerTimePointsNs.Length);
            for (var i = 0; i < r.ServerTimePointsNs.Length; i++)
            {
                // the server stamps before writing; the client reads after receiving
                Assert.True(r.ServerTimePointsNs[i] <= r.TimePointsNs[i + 1] + 1);
                Assert.True(r.ServerTimePointsNs[i] >= r.TimePointsNs[0] - 1);
            }

            Assert.Equal(0, r.ScheduledNs);
            Assert.Equal(3, r.InputTokens);
            Assert.Equal(5, r.OutputTokens);
            Assert.Equal("server", r.UsageSource);
        }

        Assert.Equal(request.Clock.NowUtcNs(), records[0].TimePointsNs[0], (double)TimeSpan.FromMinutes(5).Ticks * 100);
        var body = JsonDocument.Parse(server.Requests.First().Body).RootElement;
        Assert.Equal("served-model", body.GetProperty("model").GetString());
        Assert.Equal(16, body.GetProperty("max_tokens").GetInt32());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal("/v1/chat/completions", server.Requests.First().Path);
        Assert.True(outcome.ClientLag.Count >= 21);
    }

    [Fact]
    public async Task Usage_inside_the_last_choices_chunk_llamacpp()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 3, Usage = TestUsage.InLast, Stamp = false });
        var (_, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server), EngineTestKit.Rows(2), tokenizer: new WordCounter()));
        Assert.All(sink.Records, r =>
        {
            Assert.Equal(3, r.InputTokens);
            Assert.Equal(3, r.OutputTokens);
            Assert.Equal("server", r.UsageSource);
            Assert.Equal(5, r.TimePointsNs.Length);
            Assert.Empty(r.ServerTimePointsNs);
        });
    }

    [Fact]
    public async Task Without_usage_the_tokenizer_counts_and_without_a_tokenizer_counts_are_none()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 4, Usage = TestUsage.None });
        var (_, withTokenizer) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server), EngineTestKit.Rows(2), tokenizer: new WordCounter()));
        Assert.All(withTokenizer.Records, r =>
        {
            Assert.Equal(1003, r.InputTokens);
            Assert.Equal(1004, r.OutputTokens);
            Assert.Equal("tokenizer", r.UsageSource);
            Assert.Equal(6, r.TimePointsNs.Length);
        });

        var (_, without) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server), EngineTestKit.Rows(2)));
        Assert.All(without.Records, r =>
        {
            Assert.True(r.Success);
            Assert.Equal(0, r.InputTokens);
            Assert.Equal(0, r.OutputTokens);
            Assert.Equal("none", r.UsageSource);
        });
    }

    [Fact]
    public async Task Non_streaming_chat_and_completions()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 3 });
        var chat = EngineTestKit.Endpoint(server) with { Api = ApiKind.Chat };
        var (_, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, chat, EngineTestKit.Rows(1)));
        var r = Assert.Single(sink.Records);
        Assert.True(r.Success, r.ErrorInfo);
        Assert.Equal(2, r.TimePointsNs.Length);
        Assert.Equal("tok0 tok1 tok2 ", r.Prediction);
        Assert.Equal(3, r.OutputTokens);
        var body = JsonDocument.Parse(server.Requests.Last().Body).RootElement;
        Assert.False(body.GetProperty("stream").GetBoolean());
        Assert.False(body.TryGetProperty("stream_options", out _));

        var completions = EngineTestKit.Endpoint(server) with { Api = ApiKind.StreamCompletions };
        var (_, sink2) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, completions, EngineTestKit.Rows(1)));
        var c = Assert.Single(sink2.Records);
        Assert.True(c.Success, c.ErrorInfo);
        Assert.Equal("tok0 tok1 tok2 ", c.Prediction);
        Assert.Equal("/v1/completions", server.Requests.Last().Path);
        Assert.Equal("prompt number 0", JsonDocument.Parse(server.Requests.Last().Body).RootElement.GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Crlf_streams_and_huge_events_over_http()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 2, CrLf = true, HugeChunkBytes = 2 << 20 });
        var (_, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server), EngineTestKit.Rows(1)));
        var r = Assert.Single(sink.Records);
        Assert.True(r.Success, r.ErrorInfo);
        Assert.Equal(6, r.TimePointsNs.Length);
        Assert.Equal("tok0 tok1 ".Length + (2 << 20), r.Prediction.Length);
    }

    [Fact]
    public async Task Model_is_discovered_when_the_plan_names_none()
    {
        await using var server = await TestServer.StartAsync();
        Assert.Equal("test-model", await ModelDiscovery.GetFirstModelIdAsync(server.BaseUrl, null));
        var endpoint = EngineTestKit.Endpoint(server) with { Model = null };
        var (outcome, _) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(1)));
        Assert.Equal(1, outcome.Succeeded);
        Assert.Equal("test-model", JsonDocument.Parse(server.Requests.Last().Body).RootElement.GetProperty("model").GetString());

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => ModelDiscovery.GetFirstModelIdAsync(new Uri(server.BaseUrl, "nothing/here/"), "sk-secret-1"));
        Assert.Contains("nothing/here/v1/models", missing.Message);
        Assert.DoesNotContain("sk-secret-1", missing.Message);
    }
}
