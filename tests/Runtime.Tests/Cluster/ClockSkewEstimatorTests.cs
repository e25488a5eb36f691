using System;
using System.Diagnostics;
using System.IO;
using PodBench.Runtime.Cluster;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

public sealed class ClockSkewEstimatorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-skew-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>A clock <paramref name="skewNs"/> ahead of the system's, anchored tightly (a preemption between the two reads would shift it).</summary>
    internal static PodClock Skewed(long skewNs)
    {
        var best = (Gap: long.MaxValue, Timestamp: 0L, Utc: 0L);
        for (var i = 0; i < 50; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var utc = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100L;
            var t1 = Stopwatch.GetTimestamp();
            if (t1 - t0 < best.Gap)
            {
                best = (t1 - t0, t0 + ((t1 - t0) / 2), utc);
            }
        }

        return new PodClock(best.Timestamp, best.Utc + skewNs);
    }

    [Fact]
    public void Same_clock_as_the_volume_has_an_interval_around_zero()
    {
        var skew = ClockSkewEstimator.Estimate(_dir, "p", Skewed(0), 5);
        // Slack of 1 ms for the anchor pair of the test clock, taken with two separate reads.
        Assert.InRange(0, skew.OffsetNs - skew.UncertaintyNs - 1_000_000, skew.OffsetNs + skew.UncertaintyNs + 1_000_000);
        Assert.Equal(5, skew.Samples);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_clock_five_seconds_ahead_is_found_five_seconds_ahead()
    {
        var skew = ClockSkewEstimator.Estimate(_dir, "p", Skewed(5_000_000_000), 5);
        const long expected = -5_000_000_000;
        Assert.InRange(expected, skew.OffsetNs - skew.UncertaintyNs - 1_000_000, skew.OffsetNs + skew.UncertaintyNs + 1_000_000);
        Assert.DoesNotContain("inconsistent", skew.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Probes_intersect_worked_by_hand()
    {
        // Probe 1 allows [51.5 - 2, 51.5 + 20 - 1] = [49.5, 70.5] ms, probe 2 [53.1 - 3.2, 53.1 + 20 - 3] = [49.9, 70.1] ms.
        var skew = ClockSkewEstimator.FromSamples([1_000_000, 3_000_000], [2_000_000, 3_200_000], [51_500_000, 53_100_000]);
        Assert.Equal(60_000_000, skew.OffsetNs);
        Assert.Equal(10_100_000, skew.UncertaintyNs);
        Assert.Equal("file-mtime", skew.Method);
    }

    [Fact]
    public void Whole_second_stamps_widen_the_interval()
    {
        // [5.0 - 4.15, 6.0 - 4.1] = [0.85, 1.9] s and [0.75, 1.8] s intersect in [0.85, 1.8] s.
        var skew = ClockSkewEstimator.FromSamples([4_100_000_000, 4_200_000_000], [4_150_000_000, 4_250_000_000], [5_000_000_000, 5_000_000_000]);
        Assert.Equal(1_325_000_000, skew.OffsetNs);
        Assert.Equal(475_000_000, skew.UncertaintyNs);
        Assert.Contains("1 s stamps", skew.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Contradicting_probes_fall_back_to_the_hull()
    {
        // [1 - 1, 1 + 20 - 0] = [0, 21] ms and [100, 121] ms do not meet: the hull [0, 121] ms is kept.
        var skew = ClockSkewEstimator.FromSamples([0, 0], [1_000_000, 1_000_000], [1_000_000, 101_000_000]);
        Assert.Equal(60_500_000, skew.OffsetNs);
        Assert.Equal(60_500_000, skew.UncertaintyNs);
        Assert.Contains("inconsistent", skew.Method, StringComparison.Ordinal);
    }
}
