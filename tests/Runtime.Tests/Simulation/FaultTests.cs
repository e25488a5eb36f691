using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class FaultTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(300);

    private static Task<SimulatorServer> StartAsync(SimulatorFault fault, double rate = 1.0)
        => SimulatorServer.StartAsync(StreamingShapeTests.Quick.WithFault(fault, rate) with { StallTime = Stall });

    [Theory]
    [InlineData(SimulatorFault.Http500, 500, "InternalServerError")]
    [InlineData(SimulatorFault.Http429, 429, "RateLimitError")]
    [InlineData(SimulatorFault.Http503, 503, "ServiceUnavailableError")]
    public async Task Http_error_faults_answer_with_the_status_and_an_error_body(SimulatorFault fault, int status, string type)
    {
        await using var server = await StartAsync(fault);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody());

        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(status, error.GetProperty("code").GetInt32());
        Assert.Equal(1, server.Stats.FaultsInjected);
        Assert.Equal(0, server.Stats.RequestsCompleted);
    }

    [Fact]
    public async Task Fault_rate_picks_every_kth_request()
    {
        await using var server = await StartAsync(SimulatorFault.Http503, rate: 0.5);
        using var client = SimClient.Create(server.BaseUrl);
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(stream: false));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal(new[] { 200, 503, 200, 503, 200, 503 }, statuses);
        Assert.Equal(3, server.Stats.FaultsInjected);
    }

    [Fact]
    public async Task Reset_mid_stream_breaks_the_connection_after_a_few_chunks()
    {
        await using var server = await StartAsync(SimulatorFault.ResetMidStream);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var received = 0;
        var error = await Record.ExceptionAsync(async () =>
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    received++;
                }
            }
        });

        // The abort comes 50 ms after the role chunk and three content chunks; data the client had not read by then
        // may be lost with the connection, so only an upper bound is certain.
        Assert.IsAssignableFrom<IOException>(error);
        Assert.InRange(received, 0, 1 + 3);
        Assert.Equal(0, server.Stats.RequestsCompleted);
    }

    [Fact]
    public async Task Malformed_json_puts_one_event_that_does_not_parse()
    {
        await using var server = await StartAsync(SimulatorFault.MalformedJson);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 6));

        var broken = events.Where(e => !e.IsDone && !Parses(e.Data)).ToList();
        Assert.Single(broken);
        Assert.True(events[^1].IsDone);
        Assert.Equal(1 + 6 + 1 + 1 + 1, events.Count);
    }

    [Fact]
    public async Task Stall_leaves_a_gap_of_the_stall_time_mid_stream_then_continues()
    {
        await using var server = await StartAsync(SimulatorFault.Stall);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 6));

        Assert.True(events[^1].IsDone);
        var stamps = events.Where(e => !e.IsDone).Select(e => e.ServerStamp).ToList();
        Assert.Equal(1 + 6 + 1, stamps.Count);
        var gaps = stamps.Zip(stamps.Skip(1), (a, b) => b - a).ToList();
        var widest = gaps.IndexOf(gaps.Max());
        Assert.True(gaps[widest] >= Ticks(Stall) - Ticks(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(3, widest); // after the role chunk and three content chunks
    }

    [Fact]
    public async Task Cut_without_done_ends_after_the_last_content_chunk()
    {
        await using var server = await StartAsync(SimulatorFault.CutWithoutDone);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 4));

        Assert.Equal(1 + 4, events.Count);
        Assert.DoesNotContain(events, e => e.IsDone);
        Assert.Equal("length", events[^1].Json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Huge_chunk_sends_one_event_of_about_a_mebibyte()
    {
        await using var server = await StartAsync(SimulatorFault.HugeChunk);
        using var client = SimClient.Create(server.BaseUrl);
        var events = await SimClient.StreamAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 5));

        Assert.True(events[^1].IsDone);
        var sizes = events.Where(e => !e.IsDone).Skip(1).Take(5)
            .Select(e => e.Json.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()!.Length).ToList();
        Assert.Single(sizes, s => s >= 1024 * 1024);
        Assert.Equal(5, events[^2].Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Slow_headers_hold_back_the_status_line()
    {
        await using var server = await StartAsync(SimulatorFault.SlowHeaders);
        using var client = SimClient.Create(server.BaseUrl);
        var started = Stopwatch.GetTimestamp();
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(maxTokens: 2));
        var headersAt = Stopwatch.GetTimestamp();
        var events = await SimClient.ReadEventsAsync(response);

        Assert.True(headersAt - started >= Ticks(Stall));
        Assert.True(events[^1].IsDone);
    }

    [Theory]
    [InlineData(SimulatorFault.MalformedJson)]
    [InlineData(SimulatorFault.CutWithoutDone)]
    public async Task Non_streaming_bodies_that_are_not_json(SimulatorFault fault)
    {
        await using var server = await StartAsync(fault);
        using var client = SimClient.Create(server.BaseUrl);
        using var response = await SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(stream: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(Parses(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Non_streaming_reset_fails_the_request()
    {
        await using var server = await StartAsync(SimulatorFault.ResetMidStream);
        using var client = SimClient.Create(server.BaseUrl);
        await Assert.ThrowsAsync<HttpRequestException>(() => SimClient.PostAsync(client, "/v1/chat/completions", SimClient.ChatBody(stream: false)));
    }

    [Fact]
    public async Task Nobody_listening_is_connection_refused()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var client = SimClient.Create(new Uri($"http://127.0.0.1:{port}"));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/health"));
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static bool Parses(string data)
    {
        try
        {
            using var _ = JsonDocument.Parse(data);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
