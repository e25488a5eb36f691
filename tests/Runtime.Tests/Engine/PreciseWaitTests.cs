using System;
using System.Diagnostics;
using System.Threading;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class PreciseWaitTests
{
    [Fact]
    public void Never_returns_before_the_deadline_and_keeps_its_spin_margin_in_bounds()
    {
        var early = 0;
        long margin = -1;
        long spin = -1;
        var thread = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (var k = 1; k <= 40; k++)
            {
                // deadlines 0.25-2.75 ms apart, as a paced schedule of about 1,000 req/s has them
                var deadline = start + (k * Stopwatch.Frequency / 1000) + ((k % 3) * Stopwatch.Frequency / 4000);
                PreciseWait.Until(deadline, CancellationToken.None);
                if (Stopwatch.GetTimestamp() < deadline)
                {
                    early++;
                }
            }

            margin = PreciseWait.MarginNanoseconds;
            spin = PreciseWait.SpinNanoseconds;
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "the waits did not end");
        Assert.Equal(0, early);
        if (OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000)
        {
            Assert.InRange(margin, 20_000, 1_000_000);
            // however late the wake-ups came, no more than the cap is spun before a deadline
            Assert.InRange(spin, 20_000, PreciseWait.SpinCapNanoseconds);
            Assert.Equal(Math.Min(margin, PreciseWait.SpinCapNanoseconds), spin);
        }
    }

    [Fact]
    public void A_cancelled_wait_throws_instead_of_sleeping_to_a_far_deadline()
    {
        using var cancel = new CancellationTokenSource();
        Exception? thrown = null;
        var thread = new Thread(() =>
        {
            try
            {
                PreciseWait.Until(Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 3600), cancel.Token);
            }
            catch (OperationCanceledException e)
            {
                thrown = e;
            }
        });
        thread.Start();
        Thread.Sleep(100);
        cancel.Cancel();
        // a liveness bound: the wait sleeps in slices of at most 50 ms
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "the cancelled wait did not end");
        Assert.IsAssignableFrom<OperationCanceledException>(thrown);
    }
}
