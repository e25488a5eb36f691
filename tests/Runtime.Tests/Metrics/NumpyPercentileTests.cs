using PodBench.Runtime.Metrics;
using Xunit;

namespace PodBench.Runtime.Tests.Metrics;

public sealed class NumpyPercentileTests
{
    [Theory]
    [InlineData(4, 50, 1, 2, 0.5)]   // 3 * .5
    [InlineData(4, 75, 2, 3, 0.25)]  // 3 * .75
    [InlineData(7, 90, 5, 6, 0.4)]   // 6 * .9 = 5.4
    [InlineData(1, 99, 0, 0, 0.0)]
    [InlineData(101, 99, 99, 100, 0.0)] // 100 * .99 = 99 exactly
    public void Ranks_follow_numpy_linear(long n, int p, long lo, long hi, double gamma)
    {
        var (l, h, g) = NumpyPercentile.Ranks(n, p);
        Assert.Equal(lo, l);
        Assert.Equal(hi, h);
        Assert.Equal(gamma, g, 12);
    }

    [Fact]
    public void Lerp_uses_the_upper_end_from_one_half()
    {
        // numpy: a + d*t below .5, b - d*(1-t) from .5: the two forms differ in the last bit for these inputs.
        var a = 0.1;
        var b = 0.7;
        Assert.Equal(b - ((b - a) * (1 - 0.7)), NumpyPercentile.Lerp(a, b, 0.7));
        Assert.Equal(a + ((b - a) * 0.3), NumpyPercentile.Lerp(a, b, 0.3));
        Assert.Equal(5.0, NumpyPercentile.Lerp(5.0, 5.0, 0.9));
    }
}
