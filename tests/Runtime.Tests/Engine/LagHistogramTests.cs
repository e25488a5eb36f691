using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class LagHistogramTests
{
    [Fact]
    public void Percentiles_are_within_one_percent()
    {
        var histogram = new LagHistogram();
        for (var v = 1; v <= 100_000; v++)
        {
            histogram.Record(v * 10L);
        }

        Assert.Equal(100_000, histogram.Count);
        Assert.InRange(histogram.PercentileNs(50), 500_000 * 0.99, 500_000 * 1.01);
        Assert.InRange(histogram.PercentileNs(99), 990_000 * 0.99, 990_000 * 1.01);
        Assert.Equal(1_000_000, histogram.MaxNs);
        Assert.Equal(1_000_000, histogram.PercentileNs(100));
    }

    [Fact]
    public void Small_values_are_exact_and_negative_values_count_as_zero()
    {
        var histogram = new LagHistogram();
        histogram.Record(-5);
        histogram.Record(3);
        histogram.Record(100);
        Assert.Equal(0, histogram.PercentileNs(1));
        Assert.Equal(3, histogram.PercentileNs(50));
        Assert.Equal(100, histogram.PercentileNs(100));
    }

    [Fact]
    public void Gaps_pair_each_earlier_reading_with_the_later_one_at_the_offset()
    {
        var histogram = new LagHistogram();
        long[] server = { 100, 200, 300 };
        long[] client = { 50, 110, 260, 290 };
        histogram.RecordGaps(server, client, 1, 1.0);
        Assert.Equal(2, histogram.Count);
        Assert.Equal(10, histogram.PercentileNs(50));
        Assert.Equal(60, histogram.MaxNs);
    }
}
