using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>The engine's two phases: prepare (served model, warm-up) before the pods meet, measure from the agreed instant.</summary>
public sealed class PreparedRunTests
{
    private static TaskRunRequest Request(SimulatorServer server, ModelEndpoint endpoint, RunOptions run, PodClock clock) => new()
    {
        Task = new TaskSpec(endpoint, new SyntheticDataset("syn"), 0),
        BaseUrl = server.BaseUrl,
        Rows = Enumerable.Range(0, 6).Select(i => new PromptRow(i, "A A A A A", MaxTokens: 8)).ToArray(),
        Run = run,
        Clock = clock,
    };

    [Fact]
    public async Task The_warm_up_is_sent_when_preparing_and_no_measured_request_before_the_start_gate_opens()
    {
        await using var server = await SimulatorServer.StartAsync(EngineSimulatorTests.Quick);
        var clock = new PodClock();
        var endpoint = ModelEndpoint.StreamChat("sim").WithConcurrency(3) with { Model = null };
        using var prepared = await TaskRunner.PrepareAsync(Request(server, endpoint, RunOptions.Default with { WarmUp = 2 }, clock), CancellationToken.None);
        Assert.Equal(2, server.Stats.RequestsReceived);

        var sink = new MemorySink();
        var gate = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = TaskRunner.RunAsync(prepared, sink, null, gate.Task, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(run.IsCompleted);
        Assert.Empty(sink.Records);
        Assert.Equal(2, server.Stats.RequestsReceived);

        var opened = Stopwatch.GetTimestamp();
        gate.SetResult(opened);
        var outcome = await run.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(6, outcome.Succeeded);
        Assert.Equal(2, outcome.WarmUpSucceeded);
        Assert.All(sink.Records, r => Assert.True(r.TimePointsNs[0] >= clock.ToUtcNs(opened), "a measured request went out before the gate opened"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => TaskRunner.RunAsync(prepared, sink, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_pressure_phase_ends_at_the_agreed_origin_plus_the_pressure_time_however_late_it_began()
    {
        await using var server = await SimulatorServer.StartAsync(EngineSimulatorTests.Quick);
        var clock = new PodClock();
        var endpoint = ModelEndpoint.StreamChat("sim").WithConcurrency(2) with { Model = "qwen" };
        using var prepared = await TaskRunner.PrepareAsync(Request(server, endpoint, RunOptions.Default.WithPressure(1) with { WarmUp = 1 }, clock), CancellationToken.None);

        // the pods agreed on an instant 0.7 s ago: this task began late, and still stops sending 1 s after that instant
        var origin = Stopwatch.GetTimestamp() - (long)(0.7 * Stopwatch.Frequency);
        var sink = new MemorySink();
        var outcome = await TaskRunner.RunAsync(prepared, sink, null, Task.FromResult(origin), CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(outcome.Succeeded > 0);
        var end = clock.ToUtcNs(origin + Stopwatch.Frequency);
        var lastSend = sink.Records.Max(r => r.TimePointsNs[0]);

        // a phase counted from its own start would send until 0.7 s after that end
        Assert.True(lastSend < end + 300_000_000, $"last send {(lastSend - end) / 1e6:0.###} ms after the agreed end");
    }
}
