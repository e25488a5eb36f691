using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>
/// A server that stops answering ends its request at the endpoint's wait limit (HeaderTimeout, IdleTimeout) with a
/// named reason, on both transports (plain HTTP: epoll; https: HttpClient), and the progress lines say it stalled.
/// </summary>
public sealed class EngineStallTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_that_stalls_fails_at_the_idle_limit_and_keeps_its_readings(bool https)
    {
        using var cert = https ? EngineTlsTests.SelfSigned() : null;
        await using var server = await TestServer.StartAsync(q => q.Prompt.EndsWith('0') ? new TestServerPlan { StallAfter = 2 } : new TestServerPlan(), cert);
        var endpoint = Endpoint(server) with { IdleTimeout = TimeSpan.FromSeconds(3), Concurrency = 2 };
        var (outcome, sink, progress, elapsed) = await RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(2)));

        var stalled = Assert.Single(sink.Records, r => r.Id == 0);
        Assert.False(stalled.Success);
        Assert.Equal("no stream event for 3 s (IdleTimeout)", stalled.ErrorInfo);
        Assert.Equal(1, stalled.Attempts);
        Assert.Equal(200, stalled.HttpStatus);
        Assert.Equal(3, stalled.TimePointsNs.Length);
        Assert.Equal("tok0 ", stalled.Prediction);
        Assert.True(Assert.Single(sink.Records, r => r.Id == 1).Success);
        Assert.Equal(1, outcome.FailureReasons["no stream event for 3 s (IdleTimeout)"]);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"took {elapsed}");
        Assert.Contains("| stalled 1 (longest wait ", progress);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_server_that_never_answers_fails_at_the_header_limit(bool https)
    {
        using var cert = https ? EngineTlsTests.SelfSigned() : null;
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { StallBeforeHead = true }, cert);
        var endpoint = Endpoint(server) with { HeaderTimeout = TimeSpan.FromSeconds(3) };
        var (outcome, sink, progress, elapsed) = await RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(1)));

        var record = Assert.Single(sink.Records);
        Assert.False(record.Success);
        Assert.Equal("no response headers for 3 s (HeaderTimeout)", record.ErrorInfo);
        Assert.Equal(0, record.HttpStatus);
        Assert.Single(record.TimePointsNs);
        Assert.Equal(1, outcome.Failed);
        Assert.Single(server.Requests);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"took {elapsed}");
        Assert.Contains("| stalled 1 (longest wait ", progress);
    }

    [Fact]
    public async Task A_warm_up_that_hangs_shows_in_the_progress_lines_and_stops_the_task_at_the_limit()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { StallBeforeHead = true });
        var endpoint = Endpoint(server) with { HeaderTimeout = TimeSpan.FromSeconds(3) };
        var request = EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(3), RunOptions.Default with { WarmUp = 1 });
        var output = new StringWriter();
        var e = await Assert.ThrowsAsync<WarmUpFailedException>(() => TaskRunner.RunAsync(request, new MemorySink(), Progress(output), CancellationToken.None));

        Assert.Contains("no response headers for 3 s (HeaderTimeout)", e.Message);
        Assert.Contains("[t] warm-up ", output.ToString());
        Assert.Contains("| stalled 1 (longest wait ", output.ToString());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_slow_but_steady_stream_is_not_cut_by_the_idle_limit()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 12, ChunkDelay = TimeSpan.FromMilliseconds(400) });
        // gaps of 0.4 s against a 3 s limit (room for loaded cores), 4.8 s in all: longer than the limit itself
        var endpoint = Endpoint(server) with { IdleTimeout = TimeSpan.FromSeconds(3), HeaderTimeout = TimeSpan.FromSeconds(3) };
        var (outcome, sink, _, _) = await RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(1)));

        Assert.Equal(1, outcome.Succeeded);
        Assert.True(Assert.Single(sink.Records).Success);
    }

    private static ModelEndpoint Endpoint(TestServer server) =>
        EngineTestKit.Endpoint(server) with { Retry = 1, Tls = TlsOptions.Default.WithoutCertificateCheck() };

    private static ConsoleProgress Progress(TextWriter output) => new("[t]", output, interactive: false, plainInterval: TimeSpan.Zero);

    private static async Task<(TaskOutcome Outcome, MemorySink Sink, string Progress, TimeSpan Elapsed)> RunAsync(TaskRunRequest request)
    {
        var sink = new MemorySink();
        var output = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var start = Stopwatch.GetTimestamp();
        var outcome = await TaskRunner.RunAsync(request, sink, Progress(output), cts.Token);
        return (outcome, sink, output.ToString(), Stopwatch.GetElapsedTime(start));
    }
}
