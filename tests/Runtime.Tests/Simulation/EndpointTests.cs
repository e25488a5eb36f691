using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class EndpointTests
{
    [Fact]
    public async Task Non_streaming_chat_returns_one_body_with_message_and_usage()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions",
            SimClient.ChatBody(maxTokens: 5, stream: false, includeUsage: false, prompt: "a b c d"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString(), System.StringComparison.Ordinal);
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(" the of and to a", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(4 + 5 + 3, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(5, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(17, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.True(body.GetProperty("x_sim_ts").GetInt64() > 0);
    }

    [Fact]
    public async Task Non_streaming_completions_return_text()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/completions", SimClient.CompletionBody(maxTokens: 3, stream: false, prompt: "x y"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        Assert.Equal(" the of and", body.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal(2, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Token_id_prompts_and_multimodal_messages_are_counted()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var ids = await SimClient.PostAsync(client, "/v1/completions",
            """{"model":"qwen","prompt":[1,2,3,4,5,6],"max_tokens":1}""");
        Assert.Equal(6, JsonDocument.Parse(await ids.Content.ReadAsStringAsync()).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());

        using var parts = await SimClient.PostAsync(client, "/v1/chat/completions",
            """{"messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"one two three"},{"type":"image_url","image_url":{"url":"x"}}]}],"max_tokens":1}""");
        var usage = JsonDocument.Parse(await parts.Content.ReadAsStringAsync()).RootElement.GetProperty("usage");
        Assert.Equal(2 + 3 + (2 * 5) + 3, usage.GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Models_and_health_answer_like_vllm()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick with { ModelId = "my-model" });
        using var client = SimClient.Create(server.BaseUrl);

        var models = JsonDocument.Parse(await client.GetStringAsync("/v1/models")).RootElement;
        Assert.Equal("list", models.GetProperty("object").GetString());
        Assert.Equal("my-model", models.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal("model", models.GetProperty("data")[0].GetProperty("object").GetString());

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, server.Stats.RequestsReceived);
    }

    [Fact]
    public async Task Unknown_model_is_404_with_an_openai_error()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(model: "gpt-9"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("NotFoundError", error.GetProperty("type").GetString());
        Assert.Contains("gpt-9", error.GetProperty("message").GetString(), System.StringComparison.Ordinal);
        Assert.Equal(404, error.GetProperty("code").GetInt32());
        Assert.Equal(1, server.Stats.RequestsRejected);
        Assert.Equal(404, Assert.Single(server.Stats.GetRequests()).Status);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"model":"qwen"}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"max_tokens":0}""")]
    [InlineData("""{"messages":"hi"}""")]
    public async Task Bad_bodies_are_400(string body)
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("BadRequestError", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Unknown_paths_and_wrong_methods_are_refused()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var missing = await client.GetAsync("/v1/nothing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var wrongMethod = await client.GetAsync("/v1/chat/completions");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task A_required_api_key_is_checked()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick with { RequiredApiKey = "sk-test" });
        using var client = SimClient.Create(server.BaseUrl);
        using var without = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(stream: false));
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        using var wrong = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(stream: false), apiKey: "sk-other");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var right = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(stream: false), apiKey: "sk-test");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var models = await client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
        Assert.Equal(3, server.Stats.RequestsReceived);
        Assert.Equal(2, server.Stats.RequestsRejected);
        Assert.Equal(new[] { 401, 401, 200 }, server.Stats.GetRequests().Select(r => r.Status));
    }

    [Fact]
    public async Task Arrivals_are_recorded_on_the_shared_clock()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        var sent = new long[3];
        var done = new long[3];
        for (var i = 0; i < 3; i++)
        {
            sent[i] = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 2, stream: i != 1));
            await response.Content.ReadAsStringAsync();
            done[i] = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        var requests = server.Stats.GetRequests();
        Assert.Equal(3, requests.Count);
        Assert.Equal(3, server.Stats.RequestsCompleted);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i + 1, requests[i].Ordinal);
            Assert.InRange(requests[i].ArrivalTimestamp, sent[i], done[i]);
            Assert.Equal(i != 1, requests[i].Stream);
            Assert.Equal(2, requests[i].CompletionTokens);
        }

        Assert.Equal(requests[2].ArrivalTimestamp, server.Stats.GetArrivalTimestamps()[2]);
        server.Stats.Reset();
        Assert.Equal(0, server.Stats.RequestsReceived);
        Assert.Empty(server.Stats.GetRequests());
    }
}
