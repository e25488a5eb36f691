using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Faults;

/// <summary>
/// Every fault mode of the simulator, driven by the real engine over real sockets: each affected request fails with
/// a reason that names the symptom, the others succeed, the counts are exact and the run completes.
/// With FaultRate 0.5, requests 2, 4, 6, 8 and 10 of 10 (sent one at a time, no retry) are affected.
/// </summary>
public sealed class FaultModeTests
{
    private const int Requests = 10;

    [Theory]
    [InlineData(SimulatorFault.Http500, "500")]
    [InlineData(SimulatorFault.Http429, "429")]
    [InlineData(SimulatorFault.Http503, "503")]
    [InlineData(SimulatorFault.ResetMidStream, "")]
    [InlineData(SimulatorFault.MalformedJson, "")]
    [InlineData(SimulatorFault.CutWithoutDone, "")]
    [InlineData(SimulatorFault.Stall, "")]
    [InlineData(SimulatorFault.SlowHeaders, "")]
    public async Task Affected_requests_fail_with_their_reason_and_the_rest_succeed(SimulatorFault fault, string reasonFragment)
    {
        var options = SimulatorOptions.Default with
        {
            Fault = fault,
            FaultRate = 0.5,
            StallTime = TimeSpan.FromSeconds(3),
            BaseTtft = TimeSpan.FromMilliseconds(1),
            DecodePerToken = TimeSpan.FromMilliseconds(1),
        };
        await using var server = await SimulatorServer.StartAsync(options);
        var (outcome, sink) = await RunAsync(server.BaseUrl, TimeSpan.FromSeconds(1.5));

        Assert.Equal(Requests, outcome.Sent);
        Assert.Equal(5, outcome.Failed);
        Assert.Equal(5, outcome.Succeeded);
        Assert.Equal(Requests, sink.Records.Count);
        var failed = sink.Records.Where(r => !r.Success).ToArray();
        Assert.Equal(5, failed.Length);
        Assert.All(failed, r => Assert.False(string.IsNullOrWhiteSpace(r.ErrorInfo)));
        Assert.All(failed, r => Assert.Contains(reasonFragment, r.ErrorInfo, StringComparison.Ordinal));
        Assert.Equal(5, outcome.FailureReasons.Values.Sum());
        Assert.All(sink.Records.Where(r => r.Success), r => Assert.True(r.TimePointsNs.Length >= 2));
    }

    [Fact]
    public async Task A_huge_event_is_read_whole()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorOptions.Default with { Fault = SimulatorFault.HugeChunk, BaseTtft = TimeSpan.FromMilliseconds(1), DecodePerToken = TimeSpan.FromMilliseconds(1) });
        var (outcome, sink) = await RunAsync(server.BaseUrl, null);

        Assert.Equal(Requests, outcome.Succeeded);
        Assert.All(sink.Records, r => Assert.True(r.Prediction.Length >= 1_000_000, $"prediction of {r.Prediction.Length} chars"));
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_is_named_in_a_plain_error()
    {
        var port = UnusedPort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var error = await Assert.ThrowsAsync<WarmUpFailedException>(() => RunAsync(url, null, warmUp: 1));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
    }

    [Fact]
    public async Task Without_warm_up_every_request_to_a_dead_endpoint_fails_and_is_counted()
    {
        var (outcome, sink) = await RunAsync(new Uri($"http://127.0.0.1:{UnusedPort()}"), null);

        Assert.Equal(Requests, outcome.Failed);
        Assert.Equal(Requests, sink.Records.Count(r => !r.Success));
        Assert.Single(outcome.FailureReasons);
    }

    private static async Task<(TaskOutcome Outcome, CollectingSink Sink)> RunAsync(Uri url, TimeSpan? timeout, int warmUp = 0)
    {
        var model = ModelEndpoint.StreamChat("faulty") with { Model = "qwen", Concurrency = 1, Retry = 1, RequestTimeout = timeout };
        var rows = Enumerable.Range(0, Requests).Select(i => new PromptRow(i, "A A A A", MaxTokens: 8)).ToArray();
        var sink = new CollectingSink();
        var outcome = await TaskRunner.RunAsync(
            new TaskRunRequest
            {
                Task = new TaskSpec(model, new SyntheticDataset("rows"), 0),
                BaseUrl = url,
                Rows = rows,
                Run = RunOptions.Default with { WarmUp = warmUp },
                Clock = new PodClock(),
            },
            sink,
            null,
            CancellationToken.None);
        return (outcome, sink);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
