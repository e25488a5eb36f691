using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

public sealed class DeadlineSchedulerTests
{
    private static readonly long Tolerance = Stopwatch.Frequency / 50_000;

    [Fact]
    public async Task Thousands_of_waits_each_end_at_or_after_its_deadline()
    {
        using var scheduler = new DeadlineScheduler();
        var random = new Random(7);
        var start = Stopwatch.GetTimestamp();
        var deadlines = Enumerable.Range(0, 3000).Select(_ => start + (long)(random.NextDouble() * 0.05 * Stopwatch.Frequency)).ToArray();

        var woke = await Task.WhenAll(deadlines.Select(async deadline =>
        {
            using var waiter = new DeadlineWaiter(scheduler, CancellationToken.None);
            await waiter.WaitUntilAsync(deadline);
            return Stopwatch.GetTimestamp();
        }));

        for (var i = 0; i < deadlines.Length; i++)
        {
            Assert.True(woke[i] >= deadlines[i] - Tolerance, $"wait {i} ended before its deadline");
        }

        Assert.Equal(0, scheduler.Pending);
    }

    [Fact]
    public async Task A_waiter_is_reused_for_a_sequence_of_deadlines()
    {
        using var scheduler = new DeadlineScheduler();
        using var waiter = new DeadlineWaiter(scheduler, CancellationToken.None);
        var deadline = Stopwatch.GetTimestamp();
        var step = Stopwatch.Frequency / 1000;
        for (var i = 0; i < 50; i++)
        {
            deadline += step;
            await waiter.WaitUntilAsync(deadline);
            Assert.True(Stopwatch.GetTimestamp() >= deadline - Tolerance);
        }
    }

    [Fact]
    public async Task Cancellation_ends_a_pending_wait_and_its_stale_entry_is_harmless()
    {
        using var scheduler = new DeadlineScheduler();
        using var cancellation = new CancellationTokenSource();
        using var waiter = new DeadlineWaiter(scheduler, cancellation.Token);
        var far = waiter.WaitUntilAsync(Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60));
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await far);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiter.WaitUntilAsync(Stopwatch.GetTimestamp()));
    }

    [Fact]
    public async Task Disposing_the_scheduler_fails_waits_still_queued()
    {
        var scheduler = new DeadlineScheduler();
        using var waiter = new DeadlineWaiter(scheduler, CancellationToken.None);
        var far = waiter.WaitUntilAsync(Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60));
        scheduler.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await far);
    }
}
