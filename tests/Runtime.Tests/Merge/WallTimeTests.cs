using System;
using System.Linq;
using PodBench.Runtime.Merge;
using Xunit;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>The run's wall-time breakdown from the pods' timings and windows (merge_summary.json's wall_time).</summary>
public sealed class WallTimeTests
{
    private const long S = 1_000_000_000;
    private static readonly long T0 = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void The_steps_of_a_run_in_its_own_command_add_up_to_the_command_up_to_the_merge()
    {
        // pod 0 starts at +2 s, pod 1 at +2.5 s; both measure from +4 s; loads end at +6 s and +7 s; manifests at +8 s and +7.5 s
        var pods = new[] { Pod(0, 2.0, 6.0, 8.0, cpu: (0.3, 0.2, 0.4)), Pod(1, 2.5, 7.0, 7.5, cpu: (0.25, 0.5, 0.1)) };

        var wall = WallTime.Measure(pods, commandStartedUtcNs: T0, nowUtcNs: T0 + 9 * S)!;

        Assert.Equal([2.0, 2.0, 3.0, 1.0, 1.0], wall.Steps.Select(s => Math.Round(s.Seconds, 6)));
        Assert.StartsWith("build", wall.Steps[0].Step, StringComparison.Ordinal);
        Assert.StartsWith("merge", wall.Steps[^1].Step, StringComparison.Ordinal);
        Assert.Equal(9.0, wall.Steps.Sum(s => s.Seconds), 6);
        Assert.Equal([0.55, 0.7, 0.5], wall.PodCpuSeconds.Select(s => Math.Round(s.Seconds, 6)));
        Assert.Contains("2.00 s build", wall.Describe(), StringComparison.Ordinal);
        Assert.Contains("0.55 s before the first request", wall.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_merge_or_an_unknown_command_has_no_build_or_merge_step()
    {
        var pods = new[] { Pod(0, 2.0, 6.0, 8.0, cpu: (0.3, 0.2, 0.4)) };

        foreach (var command in new long?[] { null, T0 + 100 * S })
        {
            var wall = WallTime.Measure(pods, command, T0 + 200 * S)!;
            Assert.Equal([2.0, 2.0, 2.0], wall.Steps.Select(s => Math.Round(s.Seconds, 6)));
            Assert.DoesNotContain(wall.Steps, s => s.Step.StartsWith("build", StringComparison.Ordinal) || s.Step.StartsWith("merge", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(2.0, true)]
    [InlineData(2.5, false)]
    [InlineData(100.0, false)]
    public void A_command_ran_the_pods_when_it_began_before_the_first_of_them(double commandStarted, bool ran)
    {
        // pods start at +2 s and +2.5 s: a command that began after the first did not start it
        var pods = new[] { Pod(0, 2.0, 6.0, 8.0, cpu: (0.3, 0.2, 0.4)), Pod(1, 2.5, 7.0, 7.5, cpu: (0.25, 0.5, 0.1)) };

        Assert.Equal(ran, WallTime.RanThePods(pods, T0 + (long)(commandStarted * S)));
        Assert.False(WallTime.RanThePods(pods, null));
        Assert.False(WallTime.RanThePods([pods[0] with { Timings = null }, pods[1]], T0));
    }

    [Fact]
    public void Pods_without_timings_give_no_breakdown()
    {
        var pods = new[] { Pod(0, 2.0, 6.0, 8.0, cpu: (0.3, 0.2, 0.4)) with { Timings = null } };

        Assert.Null(WallTime.Measure(pods, T0, T0 + 9 * S));
    }

    private static PodManifest Pod(int pod, double started, double loadEnded, double ended, (double Before, double Under, double After) cpu) => new()
    {
        Pod = pod,
        PlanHash = "h",
        RunName = "r",
        HostName = "host",
        StartedUtc = DateTimeOffset.FromUnixTimeMilliseconds((T0 + (long)(started * S)) / 1_000_000),
        EndedUtc = DateTimeOffset.FromUnixTimeMilliseconds((T0 + (long)(ended * S)) / 1_000_000),
        ClockAnchor = new PodClockAnchor(0, T0, 1_000_000_000),
        Tasks = [],
        MeasuredWindow = new PodMeasuredWindow(T0 + 4 * S, T0 + 4 * S, T0 + (long)(loadEnded * S)),
        Timings = new PodTimings(T0 + (long)(started * S), T0 + (long)(loadEnded * S), cpu.Before, cpu.Under, cpu.After),
    };
}
