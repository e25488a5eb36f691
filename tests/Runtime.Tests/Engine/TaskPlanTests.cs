using System.Diagnostics;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Planning;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class TaskPlanTests
{
    private static TaskRunRequest Request(ModelEndpoint endpoint, int rows, int replica, int replicas, RunOptions? run = null) => new()
    {
        Task = new TaskSpec(endpoint, new SyntheticDataset("d"), 0, replica, replicas),
        BaseUrl = new System.Uri("http://127.0.0.1:1"),
        Rows = EngineTestKit.Rows(rows),
        Run = run ?? RunOptions.Default,
        Clock = new PodClock(),
    };

    [Fact]
    public void Replicas_take_interleaved_ordinals_and_split_concurrency_to_the_configured_sum()
    {
        var endpoint = ModelEndpoint.StreamChat("a").WithConcurrency(10);
        var plans = Enumerable.Range(0, 3).Select(r => TaskPlan.Create(Request(endpoint, 10, r, 3))).ToArray();
        Assert.Equal(new long[] { 0, 3, 6, 9 }, plans[0].Rows.Select(r => r.Id));
        Assert.Equal(new long[] { 1, 4, 7 }, plans[1].Rows.Select(r => r.Id));
        Assert.Equal(new long[] { 2, 5, 8 }, plans[2].Rows.Select(r => r.Id));
        Assert.Equal(new[] { 4, 3, 3 }, plans.Select(p => p.Concurrency));
    }

    [Fact]
    public void A_resumed_replica_keeps_its_share_and_skips_only_its_finished_rows()
    {
        var endpoint = ModelEndpoint.StreamChat("a").WithConcurrency(10);
        var unpaced = TaskPlan.Create(Request(endpoint, 10, 1, 3) with { Skip = new System.Collections.Generic.HashSet<long> { 4, 5 } });
        Assert.Equal(new long[] { 1, 7 }, unpaced.Rows.Select(r => r.Id));
        Assert.Equal(3, unpaced.Concurrency);

        var paced = TaskPlan.Create(Request(ModelEndpoint.StreamChat("a").WithRequestRate(10, burstiness: 0), 10, 1, 3) with { Skip = new System.Collections.Generic.HashSet<long> { 1 } });
        Assert.Equal(new long[] { 4, 7 }, paced.Rows.Select(r => r.Id));
        Assert.Equal(new[] { 0.0, 0.3 }, paced.OffsetTicks!.Select(t => System.Math.Round(t / (double)Stopwatch.Frequency, 6)));
    }

    [Fact]
    public void Replicas_use_the_global_schedule()
    {
        var endpoint = ModelEndpoint.StreamChat("a").WithRequestRate(10, burstiness: 0);
        var plan = TaskPlan.Create(Request(endpoint, 10, 1, 3));
        var seconds = plan.OffsetTicks!.Select(t => System.Math.Round(t / (double)Stopwatch.Frequency, 6));
        Assert.Equal(new[] { 0.1, 0.4, 0.7 }, seconds);
        Assert.Equal("paced", plan.Mode);
        Assert.Equal(10.0 / 3, plan.TargetRate!.Value, 6);
    }

    [Fact]
    public void Num_prompts_takes_the_first_rows_and_pressure_ignores_the_rate()
    {
        var endpoint = ModelEndpoint.StreamChat("a").WithRequestRate(10);
        var plan = TaskPlan.Create(Request(endpoint, 10, 0, 1, RunOptions.Default.WithPressure(1) with { NumPrompts = 4 }));
        Assert.Equal("pressure", plan.Mode);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, plan.Rows.Select(r => r.Id));
        Assert.Null(plan.OffsetTicks);
    }

    [Fact]
    public void Trace_rows_are_sent_in_timestamp_order()
    {
        var endpoint = ModelEndpoint.StreamChat("a") with { UseTimestamp = true };
        var request = Request(endpoint, 0, 0, 1) with
        {
            Rows = new[] { new PromptRow(0, "a", TimestampMs: 300), new PromptRow(1, "b", TimestampMs: 100), new PromptRow(2, "c", TimestampMs: 100) },
        };
        var plan = TaskPlan.Create(request);
        Assert.Equal("trace", plan.Mode);
        Assert.Equal(new long[] { 1, 2, 0 }, plan.Rows.Select(r => r.Id));
    }
}
