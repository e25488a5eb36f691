using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>
/// Every traffic mode against a real server. Timing is checked relative to the run's own records (scheduled vs.
/// actual send, order, limits), never against the machine's speed.
/// </summary>
public sealed class EngineTrafficTests
{
    private static void AssertFollowsSchedule(global::PodBench.Runtime.Results.RequestRecord[] records, double[] expectedOffsetsSeconds)
    {
        var bySchedule = records.OrderBy(r => r.ScheduledNs).ThenBy(r => r.Id).ToArray();
        Assert.Equal(expectedOffsetsSeconds.Length, bySchedule.Length);
        var origin = bySchedule[0].ScheduledNs;
        for (var i = 0; i < bySchedule.Length; i++)
        {
            // scheduled offsets are the schedule's, to the tick (1 µs rounding of the clock mapping)
            Assert.Equal(expectedOffsetsSeconds[i] * 1e9, bySchedule[i].ScheduledNs - origin, 2000.0);

            // a request never leaves before its scheduled time
            Assert.True(bySchedule[i].TimePointsNs[0] >= bySchedule[i].ScheduledNs - 1000, $"request {i} sent early");
        }

        // sends happen in schedule order
        for (var i = 1; i < bySchedule.Length; i++)
        {
            Assert.True(bySchedule[i].TimePointsNs[0] >= bySchedule[i - 1].TimePointsNs[0]);
        }
    }

    [Fact]
    public async Task Paced_evenly_follows_the_schedule_and_respects_the_concurrency_limit()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 3, ChunkDelay = TimeSpan.FromMilliseconds(15) });
        var endpoint = EngineTestKit.Endpoint(server).WithRequestRate(100, burstiness: 0).WithConcurrency(3);
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(30)));
        Assert.Equal(30, outcome.Succeeded);
        Assert.Equal("paced", outcome.Mode);
        Assert.True(server.MaxInFlight <= 3, $"server saw {server.MaxInFlight} in flight");
        Assert.True(outcome.MaxInFlight <= 3);
        AssertFollowsSchedule(sink.Records, Enumerable.Range(0, 30).Select(i => i / 100.0).ToArray());
        Assert.Equal(100, outcome.TargetRate!.Value, 6);
        Assert.NotNull(outcome.AchievedRate);
        Assert.Equal(30, outcome.SendLag.Count);
    }

    [Fact]
    public async Task Poisson_and_ramp_up_schedules_are_the_seeded_ones()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 2 });
        var poisson = EngineTestKit.Endpoint(server).WithRequestRate(200, burstiness: 1).WithConcurrency(8);
        var request = EngineTestKit.Request(server, poisson, EngineTestKit.Rows(40)) with { Seed = 5 };
        var (_, sink) = await EngineTestKit.RunAsync(request);
        AssertFollowsSchedule(sink.Records, SendSchedule.FromRate(40, 200, 1, null, 5));

        var ramp = EngineTestKit.Endpoint(server).WithConcurrency(8) with { RampUp = RampUp.Linear(50, 400), Burstiness = 0 };
        var (rampOutcome, rampSink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, ramp, EngineTestKit.Rows(20)));
        var expected = new double[20];
        for (var i = 1; i < 20; i++)
        {
            expected[i] = expected[i - 1] + (1.0 / (50 + (350.0 * i / 19)));
        }

        AssertFollowsSchedule(rampSink.Records, expected);
        Assert.Equal(20, rampOutcome.Succeeded);
    }

    [Fact]
    public async Task Trace_replay_sends_at_row_timestamps()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 2 });
        var endpoint = EngineTestKit.Endpoint(server).WithConcurrency(4) with { UseTimestamp = true, RequestRate = 1000 };
        var rows = new[] { 500.0, 540, 520, 700, 500 }.Select((t, i) => new PromptRow(i, "p" + i, TimestampMs: t)).ToArray();
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, rows));
        Assert.Equal("trace", outcome.Mode);
        AssertFollowsSchedule(sink.Records, new[] { 0, 0, 0.02, 0.04, 0.2 });
        var ids = sink.Records.OrderBy(r => r.ScheduledNs).ThenBy(r => r.Id).Select(r => r.Id);
        Assert.Equal(new long[] { 0, 4, 2, 1, 3 }, ids);
    }

    [Fact]
    public async Task Unpaced_never_exceeds_the_concurrency_limit_and_sends_every_row_once()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 4, ChunkDelay = TimeSpan.FromMilliseconds(5) });
        var endpoint = EngineTestKit.Endpoint(server).WithConcurrency(4);
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(25), RunOptions.Default with { WarmUp = 0, NumPrompts = 20 }));
        Assert.Equal("unpaced", outcome.Mode);
        Assert.Equal(20, outcome.Succeeded);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), sink.Records.Select(r => r.Id).OrderBy(i => i));
        Assert.InRange(server.MaxInFlight, 1, 4);
        Assert.All(sink.Records, r => Assert.Equal(0, r.ScheduledNs));
        Assert.Null(outcome.TargetRate);
        Assert.True(outcome.ClientKeptUp);
    }

    [Fact]
    public async Task Pressure_recycles_rows_until_the_time_passes_and_then_stops_sending()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 3, ChunkDelay = TimeSpan.FromMilliseconds(20) });
        var endpoint = EngineTestKit.Endpoint(server).WithConcurrency(3);
        var pressure = TimeSpan.FromSeconds(1.5);
        var started = Stopwatch.GetTimestamp();
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(4), RunOptions.Default.WithPressure(pressure.TotalSeconds) with { WarmUp = 1 }));
        var wall = Stopwatch.GetElapsedTime(started);

        var records = sink.BySend();
        Assert.Equal("pressure", outcome.Mode);
        Assert.True(records.Length > 4, "rows are recycled");
        Assert.Equal(records.Length, outcome.Succeeded);
        Assert.Contains(records.GroupBy(r => r.Id), g => g.Count() > 1);
        Assert.True(outcome.Elapsed >= pressure);
        Assert.True(wall >= pressure);

        // no send after the pressure time: every send is within PressureTime of the first
        var lastSendOffset = records[^1].TimePointsNs[0] - records[0].TimePointsNs[0];
        Assert.True(lastSendOffset <= pressure.Ticks * 100, $"a send {lastSendOffset / 1e6} ms after the first");

        // clients kept sending until the end: the last send is within about one request of the pressure time
        var longest = records.Max(r => r.TimePointsNs[^1] - r.TimePointsNs[0]);
        Assert.True(lastSendOffset >= (pressure.Ticks * 100) - (2 * longest) - 200_000_000, $"last send at {lastSendOffset / 1e6} ms");
        Assert.InRange(server.MaxInFlight, 1, 3);
        Assert.Equal(3, outcome.ConcurrencyLimit);
    }

    [Fact]
    public async Task Replicated_pods_split_rows_rate_and_concurrency()
    {
        await using var server = await TestServer.StartAsync(_ => new TestServerPlan { Chunks = 2 });
        var endpoint = EngineTestKit.Endpoint(server).WithRequestRate(100, burstiness: 0).WithConcurrency(5);
        var pod0 = EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(10), replica: 0, replicas: 2));
        var pod1 = EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(10), replica: 1, replicas: 2));
        var results = await Task.WhenAll(pod0, pod1);
        Assert.Equal(new long[] { 0, 2, 4, 6, 8 }, results[0].Sink.Records.Select(r => r.Id).OrderBy(i => i));
        Assert.Equal(new long[] { 1, 3, 5, 7, 9 }, results[1].Sink.Records.Select(r => r.Id).OrderBy(i => i));
        Assert.Equal(3, results[0].Outcome.ConcurrencyLimit);
        Assert.Equal(2, results[1].Outcome.ConcurrencyLimit);
        Assert.Equal(50, results[0].Outcome.TargetRate!.Value, 6);
        AssertFollowsSchedule(results[0].Sink.Records, new[] { 0, 0.02, 0.04, 0.06, 0.08 });
        AssertFollowsSchedule(results[1].Sink.Records, new[] { 0, 0.02, 0.04, 0.06, 0.08 });
    }
}
