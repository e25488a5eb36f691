using System;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class LatencyModelTests
{
    [Fact]
    public async Task Ttft_grows_with_the_prompt()
    {
        var options = StreamingShapeTests.Quick with { BaseTtft = TimeSpan.Zero, PrefillPerToken = TimeSpan.FromMilliseconds(2) };
        await using var server = await SimulatorServer.StartAsync(options);
        using var client = SimClient.Create(server.BaseUrl);
        var longPrompt = string.Join(' ', Enumerable.Repeat("word", 250));

        // The long prompt goes first, yet its first token comes last: about 500 ms of prefill against 18 ms.
        var longTask = SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 2, prompt: longPrompt));
        var shortTask = SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 2, prompt: "hi"));
        var longEvents = await longTask;
        var shortEvents = await shortTask;

        Assert.True(shortEvents[0].ServerStamp < longEvents[0].ServerStamp);
        var requests = server.Stats.GetRequests().ToDictionary(r => r.PromptTokens);
        var longTtft = longEvents[0].ServerStamp - requests[250 + 8].ArrivalTimestamp;
        var shortTtft = shortEvents[0].ServerStamp - requests[1 + 8].ArrivalTimestamp;
        Assert.True(longTtft > shortTtft);
    }

    [Fact]
    public async Task Requests_beyond_max_batch_wait_for_a_slot()
    {
        var options = StreamingShapeTests.Quick with { MaxBatch = 2, DecodePerToken = TimeSpan.FromMilliseconds(10) };
        await using var server = await SimulatorServer.StartAsync(options);
        using var client = SimClient.Create(server.BaseUrl);

        var streams = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 5))));

        Assert.Equal(2, server.Stats.MaxStreamsInFlight);
        Assert.True(server.Stats.MaxRequestsInFlight > 2);
        Assert.Equal(6, server.Stats.RequestsCompleted);

        // Server-side spans from first to last event: never more than two overlap.
        var spans = streams.Select(s => (Start: s[0].ServerStamp, End: s[^2].ServerStamp)).ToList();
        var points = spans.SelectMany(s => new[] { (s.Start, +1), (s.End, -1) }).OrderBy(p => p.Item1).ThenBy(p => p.Item2);
        int open = 0, most = 0;
        foreach (var (_, delta) in points)
        {
            open += delta;
            most = Math.Max(most, open);
        }

        Assert.Equal(2, most);
    }

    [Fact]
    public async Task Hundreds_of_concurrent_streams_all_finish_whole()
    {
        var options = StreamingShapeTests.Quick with { DecodePerToken = TimeSpan.FromMilliseconds(5) };
        await using var server = await SimulatorServer.StartAsync(options);
        using var client = SimClient.Create(server.BaseUrl);

        var streams = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ =>
            SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 20))));

        Assert.All(streams, events =>
        {
            Assert.Equal(1 + 20 + 1 + 1, events.Count);
            Assert.True(events[^1].IsDone);
        });
        Assert.Equal(300, server.Stats.RequestsCompleted);
        Assert.True(server.Stats.MaxStreamsInFlight > 1);
        Assert.Equal(0, server.Stats.StreamsInFlight);
    }

    [Fact]
    public async Task Fast_mode_streams_without_delays()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Fast);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/completions", SimClient.CompletionBody(maxTokens: 500));
        Assert.Equal(500 + 1 + 1, events.Count);
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_streams()
    {
        var options = StreamingShapeTests.Quick with { DecodePerToken = TimeSpan.FromSeconds(1) };
        var server = await SimulatorServer.StartAsync(options);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 1000));
        var reading = SimClient.ReadEventsAsync(response);
        while (server.Stats.StreamsInFlight == 0)
        {
            await Task.Delay(10);
        }

        await server.StopAsync();
        var error = await Record.ExceptionAsync(() => reading);
        Assert.True(error is null || error is System.IO.IOException or System.Net.Http.HttpRequestException);
        Assert.Equal(1, server.Stats.RequestsAborted);
        await server.DisposeAsync();
    }
}
