using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class UsagePlacementTests
{
    [Fact]
    public async Task In_last_choice_chunk_puts_usage_beside_the_finish_reason()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick with { UsagePlacement = UsagePlacement.InLastChoiceChunk });
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 3));

        Assert.Equal(1 + 3 + 1, events.Count);
        var last = events[3].Json;
        Assert.Equal("length", last.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(3, last.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Single(events.Where(e => !e.IsDone), e => e.Json.TryGetProperty("usage", out _));
        Assert.DoesNotContain(events.Where(e => !e.IsDone), e => e.Json.GetProperty("choices").GetArrayLength() == 0);
    }

    [Fact]
    public async Task None_reports_no_usage_anywhere()
    {
        await using var server = await SimulatorServer.StartAsync(StreamingShapeTests.Quick with { UsagePlacement = UsagePlacement.None });
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 3));
        Assert.Equal(1 + 3 + 1, events.Count);
        Assert.DoesNotContain(events.Where(e => !e.IsDone), e => e.Json.TryGetProperty("usage", out _));

        using var whole = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 3, stream: false));
        var body = JsonDocument.Parse(await whole.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("usage", out _));
    }

    [Fact]
    public async Task A_cut_stream_has_no_usage_even_in_the_last_chunk()
    {
        var options = StreamingShapeTests.Quick.WithFault(SimulatorFault.CutWithoutDone) with { UsagePlacement = UsagePlacement.InLastChoiceChunk };
        await using var server = await SimulatorServer.StartAsync(options);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 3));

        Assert.Equal(1 + 3, events.Count);
        Assert.DoesNotContain(events, e => e.IsDone || e.Json.TryGetProperty("usage", out _));
    }
}
