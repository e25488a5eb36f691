using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class SendScheduleTests
{
    [Fact]
    public void Burstiness_zero_is_evenly_spaced_from_zero()
    {
        var offsets = SendSchedule.FromRate(5, 4.0, 0, null, 1);
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75, 1.0 }, offsets.Select(o => System.Math.Round(o, 12)));
    }

    [Fact]
    public void Gamma_schedule_is_seeded_starts_at_zero_and_is_rescaled_to_n_over_rate()
    {
        var a = SendSchedule.FromRate(1000, 50, 1.0, null, 7);
        var b = SendSchedule.FromRate(1000, 50, 1.0, null, 7);
        var c = SendSchedule.FromRate(1000, 50, 1.0, null, 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(0, a[0]);
        for (var i = 1; i < a.Length; i++)
        {
            Assert.True(a[i] >= a[i - 1]);
        }

        // The last cumulative delay is N/rate = 20 s; the first request's own interval is then subtracted.
        var gaps = a.Zip(a.Skip(1), (x, y) => y - x).ToArray();
        Assert.InRange(a[^1], 20 - 1, 20);
        Assert.InRange(gaps.Average(), 0.019, 0.0201);
    }

    [Fact]
    public void Linear_ramp_uses_the_rate_at_progress_i_over_n_minus_1()
    {
        // rates 1, 2, 3 req/s -> intervals 1, 0.5, 1/3; the first interval is the offset of request 0 and is removed.
        var offsets = SendSchedule.FromRate(3, 0, 0, RampUp.Linear(1, 3), 1);
        Assert.Equal(0, offsets[0], 12);
        Assert.Equal(0.5, offsets[1], 12);
        Assert.Equal(0.5 + (1.0 / 3), offsets[2], 12);
    }

    [Fact]
    public void Exponential_ramp()
    {
        // rates 1, 2, 4 -> intervals 1, 0.5, 0.25
        var offsets = SendSchedule.FromRate(3, 0, 0, RampUp.Exponential(1, 4), 1);
        Assert.Equal(new[] { 0, 0.5, 0.75 }, offsets.Select(o => System.Math.Round(o, 12)));
    }

    [Fact]
    public void Trace_timestamps_are_offsets_from_the_earliest()
    {
        var rows = new[] { new PromptRow(0, "a", TimestampMs: 1000), new PromptRow(1, "b", TimestampMs: 1250), new PromptRow(2, "c", TimestampMs: 1100) };
        Assert.Equal(new[] { 0, 0.25, 0.1 }, SendSchedule.FromTimestamps(rows, 3).Select(o => System.Math.Round(o, 12)));
        var bad = new[] { new PromptRow(9, "a") };
        Assert.Contains("row 9", Assert.Throws<System.ArgumentException>(() => SendSchedule.FromTimestamps(bad, 1)).Message);
    }

    [Fact]
    public void Rate_below_a_thousandth_is_unpaced()
    {
        Assert.False(SendSchedule.IsPaced(ModelEndpoint.StreamChat("a") with { RequestRate = 0.0009 }));
        Assert.True(SendSchedule.IsPaced(ModelEndpoint.StreamChat("a") with { RequestRate = 0.001 }));
        Assert.True(SendSchedule.IsPaced(ModelEndpoint.StreamChat("a") with { RampUp = RampUp.Linear(1, 2) }));
    }
}
