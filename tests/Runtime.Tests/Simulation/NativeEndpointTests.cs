using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

/// <summary>The simulator's native routes byte by byte: MindIE <c>/infer</c>, TGI <c>/generate[_stream]</c>, Triton <c>generate[_stream]</c>.</summary>
public sealed class NativeEndpointTests
{
    [Fact]
    public async Task Tgi_stream_sends_data_without_a_space_a_token_per_event_and_the_whole_text_last_with_no_done()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/generate_stream", "{\"inputs\":\"a b c\",\"parameters\":{\"max_new_tokens\":3,\"ignore_eos\":true}}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\n\n", System.StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("data:{\"index\":", l, System.StringComparison.Ordinal));
        var events = lines.Select(l => JsonDocument.Parse(l["data:".Length..]).RootElement).ToList();
        Assert.Equal([" the", " of", " and"], events.Select(e => e.GetProperty("token").GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, events[0].GetProperty("generated_text").ValueKind);
        Assert.Equal(" the of and", events[2].GetProperty("generated_text").GetString());
        Assert.Equal(3, events[2].GetProperty("details").GetProperty("generated_tokens").GetInt32());
        Assert.Equal("length", events[2].GetProperty("details").GetProperty("finish_reason").GetString());
        Assert.Equal(3, server.Stats.GetRequests().Single().PromptTokens);
    }

    [Fact]
    public async Task Mindie_infer_streams_when_asked_and_its_last_token_text_is_null()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/infer", "{\"inputs\":\"a b\",\"stream\":true,\"parameters\":{\"max_new_tokens\":2,\"ignore_eos\":true}}");
        var events = await SimClient.ReadEventsAsync(response);
        var json = events.Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();

        Assert.Equal(2, json.Count);
        Assert.True(json[0].GetProperty("prefill_time").GetDouble() >= 0);
        Assert.Equal(" the", json[0].GetProperty("token").GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, json[1].GetProperty("token").GetProperty("text").ValueKind);
        Assert.Equal(" the of", json[1].GetProperty("generated_text").GetString());

        using var whole = await SimClient.PostAsync(client, "/infer", "{\"inputs\":\"a b\",\"parameters\":{\"max_new_tokens\":2,\"ignore_eos\":true}}");
        var body = JsonDocument.Parse(await whole.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(" the of", body.GetProperty("generated_text").GetString());
        Assert.Equal(2, body.GetProperty("details").GetProperty("generated_tokens").GetInt32());
    }

    [Fact]
    public async Task Triton_names_the_model_in_the_path_and_answers_text_output()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v2/models/qwen/generate", "{\"id\":\"1\",\"text_input\":\"a\",\"parameters\":{\"max_new_tokens\":2,\"ignore_eos\":true}}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("qwen", body.GetProperty("model_name").GetString());
        Assert.Equal(" the of", body.GetProperty("text_output").GetString());

        using var stream = await SimClient.PostAsync(client, "/v2/models/qwen/generate_stream", "{\"text_input\":\"a\",\"parameters\":{\"max_new_tokens\":2,\"ignore_eos\":true}}");
        var events = await SimClient.ReadEventsAsync(stream);
        Assert.Equal([" the", " of"], events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("text_output").GetString()));

        using var unknown = await SimClient.PostAsync(client, "/v2/models/llama/generate", "{\"text_input\":\"a\"}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var bad = await SimClient.PostAsync(client, "/generate", "{\"prompt\":\"a\"}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("'inputs' must be a string.", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString());
    }
}
