using System;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>Failure and retry semantics (metrics.md "Failures"), over real HTTP.</summary>
public sealed class EngineFailureTests
{
    [Fact]
    public async Task Non_2xx_fails_without_retry_and_names_status_and_body()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Status = 503, ErrorBody = "{\"error\":\"model overloaded\"}" });
        var endpoint = EngineTestKit.Endpoint(server) with { Retry = 3 };
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(2)));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, outcome.Failed);
        Assert.Equal(2, outcome.FailureReasons["HTTP 503 Service Unavailable"]);
        Assert.All(sink.Records, r =>
        {
            Assert.False(r.Success);
            Assert.Equal(1, r.Attempts);
            Assert.Equal(503, r.HttpStatus);
            Assert.Contains("503", r.ErrorInfo);
            Assert.Contains("model overloaded", r.ErrorInfo);
        });
    }

    [Fact]
    public async Task Transport_errors_are_retried_with_time_points_cleared()
    {
        await using var server = await TestServer.StartAsync(q => new TestServerPlan { Chunks = 3, AbortAfter = q.Attempt == 1 ? 2 : null });
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server) with { Retry = 2 }, EngineTestKit.Rows(2)));
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(2, outcome.Succeeded);
        Assert.All(sink.Records, r =>
        {
            Assert.True(r.Success, r.ErrorInfo);
            Assert.Equal(2, r.Attempts);
            Assert.Equal(6, r.TimePointsNs.Length);
            Assert.Equal("tok0 tok1 tok2 ", r.Prediction);
        });
    }

    [Fact]
    public async Task Retry_counts_total_attempts_and_zero_sends_nothing()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { AbortAfter = 1 });
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server) with { Retry = 3 }, EngineTestKit.Rows(1)));
        var r = Assert.Single(sink.Records);
        Assert.False(r.Success);
        Assert.Equal(3, r.Attempts);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(1, outcome.Failed);
        Assert.NotEqual("", r.ErrorInfo);

        await using var quiet = await TestServer.StartAsync();
        var (zero, zeroSink) = await EngineTestKit.RunAsync(EngineTestKit.Request(quiet, EngineTestKit.Endpoint(quiet) with { Retry = 0 }, EngineTestKit.Rows(2)));
        Assert.Empty(quiet.Requests);
        Assert.Equal(2, zero.Failed);
        Assert.Equal(0, zero.Sent);
        Assert.All(zeroSink.Records, z =>
        {
            Assert.False(z.Success);
            Assert.Equal(0, z.Attempts);
            Assert.Empty(z.TimePointsNs);
        });
    }

    [Fact]
    public async Task Invalid_json_is_retried_then_fails()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { InvalidJson = true });
        var (_, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server) with { Retry = 2 }, EngineTestKit.Rows(1)));
        var r = Assert.Single(sink.Records);
        Assert.False(r.Success);
        Assert.Equal(2, r.Attempts);
        Assert.Equal(2, server.Requests.Count);
        Assert.StartsWith("invalid JSON", r.ErrorInfo);
    }

    [Fact]
    public async Task A_stream_without_done_fails_and_an_empty_stream_has_too_few_chunks()
    {
        await using var server = await TestServer.StartAsync(q => q.Prompt.EndsWith('0') ? new TestServerPlan { OmitDone = true } : new TestServerPlan { Empty = true });
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server), EngineTestKit.Rows(2)));
        var records = sink.Records.OrderBy(r => r.Id).ToArray();
        Assert.False(records[0].Success);
        Assert.Equal("the stream ended before [DONE]", records[0].ErrorInfo);
        Assert.False(records[1].Success);
        Assert.Equal("chunk size is less than 2", records[1].ErrorInfo);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, outcome.FailureReasons.Count);
    }

    [Fact]
    public async Task Warm_up_failing_entirely_stops_the_task_with_a_clear_error()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Status = 500 });
        var request = EngineTestKit.Request(server, EngineTestKit.Endpoint(server), EngineTestKit.Rows(5), RunOptions.Default with { WarmUp = 2 });
        var sink = new MemorySink();
        var e = await Assert.ThrowsAsync<WarmUpFailedException>(() => TaskRunner.RunAsync(request, sink, null, default));
        Assert.Contains("'m1'", e.Message);
        Assert.Contains(server.BaseUrl.Authority, e.Message);
        Assert.Contains("HTTP 500", e.Message);
        Assert.Empty(sink.Records);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Api_key_is_sent_as_bearer_and_never_appears_in_errors()
    {
        const string key = "sk-very-secret-key";
        await using var server = await TestServer.StartAsync(q => q.Prompt.EndsWith('0') ? new TestServerPlan() : new TestServerPlan { Status = 401, ErrorBody = "bad key {auth}" });
        var (_, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, EngineTestKit.Endpoint(server), EngineTestKit.Rows(2), apiKey: key));
        Assert.All(server.Requests, q => Assert.Equal("Bearer " + key, q.Authorization));
        var failed = Assert.Single(sink.Records, r => !r.Success);
        Assert.Contains("401", failed.ErrorInfo);
        Assert.DoesNotContain(key, failed.ErrorInfo);
        Assert.Contains("***", failed.ErrorInfo);
    }

    [Fact]
    public async Task Request_timeout_fails_the_attempt()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 50, ChunkDelay = TimeSpan.FromMilliseconds(100) });
        var endpoint = EngineTestKit.Endpoint(server) with { RequestTimeout = TimeSpan.FromMilliseconds(300), Retry = 1 };
        var (_, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(1)));
        var r = Assert.Single(sink.Records);
        Assert.False(r.Success);
        Assert.StartsWith("timed out after 0.3 s", r.ErrorInfo);
    }

    [Fact]
    public async Task Cancelling_stops_the_task_and_keeps_what_was_measured()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 5, ChunkDelay = TimeSpan.FromMilliseconds(20) });
        var request = EngineTestKit.Request(server, EngineTestKit.Endpoint(server).WithConcurrency(2), EngineTestKit.Rows(3), RunOptions.Default.WithPressure(60) with { WarmUp = 0 });
        var sink = new MemorySink();
        using var cts = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(120));

        // Cancel once a request has finished (however slow the machine), so that something was measured before.
        var canceller = Task.Run(async () =>
        {
            while (!sink.Records.Any(r => r.Success) && !cts.IsCancellationRequested)
            {
                await Task.Delay(10);
            }

            cts.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TaskRunner.RunAsync(request, sink, null, cts.Token));
        await canceller;
        Assert.NotEmpty(sink.Records);
        Assert.Contains(sink.Records, r => r.Success);
        Assert.All(sink.Records.Where(r => !r.Success), r => Assert.Equal("cancelled", r.ErrorInfo));
    }
}
