using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>The engine against the project's own simulated server (src/Runtime/Simulation).</summary>
public sealed class EngineSimulatorTests
{
    internal static readonly SimulatorOptions Quick = SimulatorOptions.Default with
    {
        BaseTtft = TimeSpan.FromMilliseconds(5),
        PrefillPerToken = TimeSpan.Zero,
        DecodePerToken = TimeSpan.FromMilliseconds(2),
    };

    private static TaskRunRequest Request(SimulatorServer server, ModelEndpoint endpoint, int rows, RunOptions? run = null) => new()
    {
        Task = new TaskSpec(endpoint, new SyntheticDataset("syn"), 0),
        BaseUrl = server.BaseUrl,
        Rows = Enumerable.Range(0, rows).Select(i => new PromptRow(i, string.Join(' ', Enumerable.Repeat("A", 10 + i)), MaxTokens: 8)).ToArray(),
        Run = run ?? (RunOptions.Default with { WarmUp = 1 }),
        Clock = new PodClock(),
    };

    private static async Task<(TaskOutcome Outcome, MemorySink Sink)> RunAsync(TaskRunRequest request)
    {
        var sink = new MemorySink();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return (await TaskRunner.RunAsync(request, sink, null, cts.Token), sink);
    }

    [Theory]
    [InlineData(UsagePlacement.SeparateChunk)]
    [InlineData(UsagePlacement.InLastChoiceChunk)]
    public async Task Paced_run_against_the_simulator(UsagePlacement usage)
    {
        await using var server = await SimulatorServer.StartAsync(Quick with { UsagePlacement = usage });
        var endpoint = ModelEndpoint.StreamChat("sim").WithRequestRate(50).WithConcurrency(4) with { Model = null };
        var (outcome, sink) = await RunAsync(Request(server, endpoint, 12));
        Assert.Equal(12, outcome.Succeeded);
        Assert.True(server.Stats.MaxRequestsInFlight <= 4, $"simulator saw {server.Stats.MaxRequestsInFlight}");
        Assert.All(sink.Records, r =>
        {
            Assert.True(r.Success, r.ErrorInfo);
            Assert.Equal(8, r.OutputTokens);
            Assert.True(r.InputTokens >= 10 + r.Id);
            Assert.Equal("server", r.UsageSource);
            Assert.True(r.TimePointsNs.Length >= 9);
            Assert.Equal(r.TimePointsNs.Length - 1, r.ServerTimePointsNs.Length);
            Assert.True(r.ScheduledNs > 0);
            Assert.True(r.TimePointsNs[0] >= r.ScheduledNs - 1000);
        });

        // the simulator counts the prompt (plus its own template overhead) and reports it as usage
        Assert.Single(sink.Records.Select(r => r.InputTokens - r.Id).Distinct());
    }

    [Fact]
    public async Task Pressure_run_against_the_simulator_keeps_the_limit()
    {
        await using var server = await SimulatorServer.StartAsync(Quick);
        var endpoint = ModelEndpoint.StreamChat("sim").WithConcurrency(5) with { Model = "qwen" };
        var (outcome, sink) = await RunAsync(Request(server, endpoint, 3, RunOptions.Default.WithPressure(1) with { WarmUp = 1 }));
        Assert.True(outcome.Succeeded > 5);
        Assert.Equal(0, outcome.Failed);
        Assert.InRange(server.Stats.MaxRequestsInFlight, 1, 5);
        Assert.Equal(outcome.Succeeded, sink.Records.Length);
    }

    [Theory]
    [InlineData(SimulatorFault.ResetMidStream, 2, false)]
    [InlineData(SimulatorFault.MalformedJson, 2, false)]
    [InlineData(SimulatorFault.CutWithoutDone, 1, false)]
    [InlineData(SimulatorFault.Http429, 1, false)]
    [InlineData(SimulatorFault.HugeChunk, 1, true)]
    public async Task Simulator_faults(SimulatorFault fault, int attempts, bool success)
    {
        await using var server = await SimulatorServer.StartAsync(Quick.WithFault(fault));
        var endpoint = ModelEndpoint.StreamChat("sim").WithConcurrency(2) with { Model = "qwen", Retry = 2 };
        var (outcome, sink) = await RunAsync(Request(server, endpoint, 2, RunOptions.Default with { WarmUp = 0 }));
        Assert.All(sink.Records, r =>
        {
            Assert.Equal(success, r.Success);
            Assert.Equal(attempts, r.Attempts);
        });
        Assert.Equal(success ? 0 : 2, outcome.Failed);
    }
}
